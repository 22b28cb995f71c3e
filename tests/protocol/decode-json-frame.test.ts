import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeFrame, frameFromJson } from '../../protocol/index.ts';
import { assertAccepted, assertRejected, jsonBytes, jsonFrame, NOW, T0 } from './fixtures.ts';

/** Decodes through the MQTT entry point; `'no-clock'` skips the clock rule. */
const decode = (value: unknown, nowMs: number | 'no-clock' = NOW) =>
  decodeFrame(jsonBytes(value), nowMs === 'no-clock' ? undefined : nowMs);

/** The fixture frame with `patch` applied to its top level. */
function withTop(patch: Record<string, unknown>): Record<string, unknown> {
  const f: Record<string, unknown> = { ...jsonFrame(), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete f[k];
  return f;
}

/** A frame of `emgSamples` at `emgHz` with shank (and foot) of `accelSamples` at `accelHz`. */
function spanFrame(emgHz: number, emgSamples: number, accelHz: number, accelSamples: number) {
  return {
    ...jsonFrame(),
    emg: { hz: emgHz, uv: new Array(emgSamples).fill(1.5) },
    shank: { hz: accelHz, mg: new Array(3 * accelSamples).fill(7) },
    foot: { hz: accelHz, mg: new Array(3 * accelSamples).fill(-7) },
  };
}

describe('JSON frame: accepted', () => {
  it('decodes every field of a valid frame', () => {
    const src = jsonFrame();
    const frame = assertAccepted(decode(src));
    assert.equal(frame.v, 1);
    assert.equal(frame.boot, 3_141_592);
    assert.equal(frame.seq, 4711);
    assert.equal(frame.t0, T0);
    assert.equal(frame.emg.hz, 1000);
    assert.ok(frame.emg.uv instanceof Float32Array);
    assert.deepEqual(Array.from(frame.emg.uv), src.emg.uv);
    assert.deepEqual(Array.from(frame.shank.mg), src.shank.mg);
    assert.deepEqual(Array.from(frame.foot?.mg ?? []), src.foot.mg);
    assert.equal(frame.foot?.hz, 50);
  });

  it('leaves foot out when the band has no foot clip', () => {
    const frame = assertAccepted(decode(withTop({ foot: undefined })));
    assert.equal('foot' in frame, false);
  });

  it('ignores unknown fields', () => {
    const frame = assertAccepted(decode(withTop({ battery: 0.5, extra: { deep: [1] } })));
    assert.equal('battery' in frame, false);
    assert.equal('extra' in frame, false);
  });

  it('accepts boot and seq at 0 and 2^32-1, and t0 0', () => {
    assertAccepted(decode(withTop({ boot: 0, seq: 0, t0: 0 })));
    const f = assertAccepted(decode(withTop({ boot: 2 ** 32 - 1, seq: 2 ** 32 - 1 })));
    assert.equal(f.boot, 4_294_967_295);
    assert.equal(f.seq, 4_294_967_295);
  });
});

describe('JSON frame: version, boot, seq, t0', () => {
  for (const [v, shown] of [
    [2, '2'],
    [0, '0'],
    ['1', '"1"'],
    [null, 'null'],
    [undefined, 'missing'],
    [1.5, '1.5'],
  ] as const) {
    it(`rejects v ${shown}`, () => assertRejected(decode(withTop({ v })), 'version-unsupported', shown));
  }

  for (const field of ['boot', 'seq'] as const) {
    const code = field === 'boot' ? 'boot-invalid' : 'seq-invalid';
    for (const [value, shown] of [
      [-1, '-1'],
      [2 ** 32, '4294967296'],
      [1.5, '1.5'],
      ['7', '"7"'],
      [null, 'null'],
      [undefined, 'missing'],
      [true, 'true'],
    ] as const) {
      it(`rejects ${field} ${shown}`, () =>
        assertRejected(decode(withTop({ [field]: value })), code, field, shown));
    }
  }

  for (const [t0, shown] of [
    [-1, '-1'],
    [1.5, '1.5'],
    ['1764201600000', '"1764201600000"'],
    [2 ** 53, '9007199254740992'],
    [undefined, 'missing'],
  ] as const) {
    it(`rejects t0 ${shown}`, () => assertRejected(decode(withTop({ t0 }), 'no-clock'), 't0-invalid', shown));
  }

  it('accepts t0 exactly 5 minutes ahead of the clock, rejects 1 ms more', () => {
    const now = T0 - 300_000;
    assertAccepted(decode(jsonFrame(), now));
    assertRejected(decode(jsonFrame(), now - 1), 't0-future', String(T0), '300');
  });

  it('rejects t0 far in the future as clock error, and says by how much', () => {
    assertRejected(decode(jsonFrame(), T0 - 3_600_000), 't0-future', String(T0), '3600 s');
  });

  it('skips the clock rule when no clock is given', () => {
    assertAccepted(decode(withTop({ t0: Number.MAX_SAFE_INTEGER }), 'no-clock'));
  });

  it('accepts t0 hours in the past (late frames)', () => {
    assertAccepted(decode(jsonFrame(), T0 + 12 * 3_600_000));
  });
});

describe('JSON frame: EMG stream', () => {
  for (const [emg, shown] of [
    [undefined, 'missing'],
    [null, 'null'],
    [[1, 2], 'an array of 2'],
    [5, '5'],
    ['emg', '"emg"'],
  ] as const) {
    it(`rejects emg ${shown}`, () => assertRejected(decode(withTop({ emg })), 'emg-missing', shown));
  }

  for (const [hz, shown] of [
    [249, '249'],
    [4001, '4001'],
    [1000.5, '1000.5'],
    ['1000', '"1000"'],
    [undefined, 'missing'],
    [0, '0'],
    [-1000, '-1000'],
  ] as const) {
    it(`rejects emg.hz ${shown}`, () => {
      const f = jsonFrame();
      assertRejected(decode({ ...f, emg: { ...f.emg, hz } }), 'emg-rate-invalid', 'emg.hz', shown);
    });
  }

  it('accepts emg.hz 250 and 4000 (the range ends)', () => {
    assertAccepted(decode(spanFrame(250, 50, 50, 10)));
    assertAccepted(decode(spanFrame(4000, 800, 50, 10)));
  });

  for (const [uv, shown] of [
    [undefined, 'missing'],
    ['1,2,3', '"1,2,3"'],
    [{ 0: 1 }, 'an object'],
  ] as const) {
    it(`rejects emg.uv ${shown}`, () => {
      const f = jsonFrame();
      assertRejected(decode({ ...f, emg: { ...f.emg, uv } }), 'emg-samples-invalid', 'emg.uv', shown);
    });
  }

  for (const [bad, shown] of [
    ['3', '"3"'],
    [null, 'null'],
    [[3], 'an array of 1'],
    [1e39, '1e+39'],
    [-1e39, '-1e+39'],
  ] as const) {
    it(`rejects an EMG sample ${shown}, naming its index`, () => {
      const f = jsonFrame();
      const uv = [...(f.emg.uv as number[])];
      uv[17] = bad as unknown as number;
      assertRejected(decode({ ...f, emg: { ...f.emg, uv } }), 'emg-samples-invalid', '[17]', shown);
    });
  }

  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`rejects a non-finite EMG sample ${bad} in a parsed value`, () => {
      const f = jsonFrame();
      const uv = [...(f.emg.uv as number[])];
      uv[3] = bad;
      assertRejected(
        frameFromJson({ ...f, emg: { ...f.emg, uv } }),
        'emg-samples-invalid',
        '[3]',
        String(bad),
      );
    });
  }

  it('keeps the largest float32 values, which are finite', () => {
    const f = jsonFrame();
    const uv = [...(f.emg.uv as number[])];
    uv[0] = 3.4028234663852886e38;
    uv[1] = -3.4028234663852886e38;
    const frame = assertAccepted(decode({ ...f, emg: { ...f.emg, uv } }));
    assert.equal(frame.emg.uv[0], 3.4028234663852886e38);
    assert.equal(frame.emg.uv[1], -3.4028234663852886e38);
  });
});

describe('JSON frame: accelerometer streams', () => {
  for (const [shank, shown] of [
    [undefined, 'missing'],
    [null, 'null'],
    [[], 'an array of 0'],
    [50, '50'],
  ] as const) {
    it(`rejects shank ${shown}`, () => assertRejected(decode(withTop({ shank })), 'shank-missing', shown));
  }

  for (const [foot, shown] of [
    [null, 'null'],
    [[995, 4, -40], 'an array of 3'],
    ['foot', '"foot"'],
    [false, 'false'],
  ] as const) {
    it(`rejects foot ${shown}`, () =>
      assertRejected(decode(withTop({ foot })), 'foot-invalid', 'foot', shown));
  }

  for (const name of ['shank', 'foot'] as const) {
    for (const [hz, shown] of [
      [9, '9'],
      [201, '201'],
      [50.5, '50.5'],
      ['50', '"50"'],
      [undefined, 'missing'],
    ] as const) {
      it(`rejects ${name}.hz ${shown}`, () => {
        const f = jsonFrame();
        const bad = { ...f, [name]: { ...f[name], hz } };
        assertRejected(decode(bad), 'accel-rate-invalid', `${name}.hz`, shown);
      });
    }

    it(`rejects ${name}.mg whose length is not a multiple of 3, with the length`, () => {
      const f = jsonFrame();
      const mg = [...(f[name].mg as number[]), 1];
      assertRejected(decode({ ...f, [name]: { ...f[name], mg } }), 'accel-samples-invalid', name, '31');
    });

    for (const [bad, shown] of [
      ['1', '"1"'],
      [null, 'null'],
      [1e39, '1e+39'],
    ] as const) {
      it(`rejects a ${name} value ${shown}, naming its index`, () => {
        const f = jsonFrame();
        const mg = [...(f[name].mg as number[])];
        mg[4] = bad as unknown as number;
        assertRejected(
          decode({ ...f, [name]: { ...f[name], mg } }),
          'accel-samples-invalid',
          `${name}.mg`,
          '[4]',
        );
      });
    }

    it(`rejects a non-finite ${name} value in a parsed value`, () => {
      const f = jsonFrame();
      const mg = [...(f[name].mg as number[])];
      mg[2] = Number.NaN;
      assertRejected(frameFromJson({ ...f, [name]: { ...f[name], mg } }), 'accel-samples-invalid', 'NaN');
    });

    it(`rejects ${name}.mg that is not an array`, () => {
      const f = jsonFrame();
      assertRejected(decode({ ...f, [name]: { hz: 50 } }), 'accel-samples-invalid', `${name}.mg`, 'missing');
    });
  }

  it('accepts accelerometer rates 10 and 200 (the range ends)', () => {
    assertAccepted(decode(spanFrame(1000, 200, 10, 2)));
    assertAccepted(decode(spanFrame(1000, 200, 200, 40)));
  });

  it('accepts a foot at its own rate in JSON', () => {
    const f = jsonFrame();
    assertAccepted(decode({ ...f, foot: { hz: 100, mg: new Array(60).fill(1) } }));
  });
});

describe('JSON frame: span rules', () => {
  const cases: [string, number, number, number, number][] = [
    ['40 ms at 1 kHz', 1000, 40, 50, 2],
    ['5 s at 1 kHz', 1000, 5000, 50, 250],
    ['40 ms at 250 Hz', 250, 10, 50, 2],
    ['5 s at 4 kHz', 4000, 20000, 200, 1000],
  ];
  for (const [name, hz, n, ahz, m] of cases) {
    it(`accepts a frame of exactly ${name}`, () => {
      assertAccepted(decode(spanFrame(hz, n, ahz, m)));
    });
  }

  for (const [name, hz, n, ahz, m, shown] of [
    ['39 ms', 1000, 39, 50, 2, '39.0 ms'],
    ['5.001 s', 1000, 5001, 50, 250, '5001.0 ms'],
    ['36 ms at 250 Hz', 250, 9, 50, 2, '36.0 ms'],
    ['5.00025 s at 4 kHz', 4000, 20001, 200, 1000, '5000.3 ms'],
    ['0 samples', 1000, 0, 50, 0, '0.0 ms'],
  ] as const) {
    it(`rejects a frame of ${name}`, () =>
      assertRejected(decode(spanFrame(hz, n, ahz, m)), 'frame-span-invalid', `${n} EMG samples`, shown));
  }

  // 200 ms of EMG; one 50 Hz period is 20 ms, so 9..11 shank samples are within it.
  for (const m of [9, 10, 11]) {
    it(`accepts ${m} shank samples at 50 Hz against 200 ms of EMG`, () => {
      assertAccepted(decode(spanFrame(1000, 200, 50, m)));
    });
  }
  for (const m of [8, 12, 0, 100]) {
    it(`rejects ${m} shank samples at 50 Hz against 200 ms of EMG`, () => {
      const f = spanFrame(1000, 200, 50, m);
      assertRejected(decode({ ...f, foot: jsonFrame().foot }), 'span-mismatch', 'shank', `${m} samples`);
    });
  }

  it('rejects a foot stream whose span differs by more than one period', () => {
    const f = jsonFrame();
    assertRejected(decode({ ...f, foot: { hz: 50, mg: new Array(36).fill(0) } }), 'span-mismatch', 'foot');
  });

  it('accepts a foot stream one period off, at its own rate', () => {
    const f = jsonFrame();
    assertAccepted(decode({ ...f, foot: { hz: 100, mg: new Array(63).fill(0) } }));
    assertRejected(decode({ ...f, foot: { hz: 100, mg: new Array(66).fill(0) } }), 'span-mismatch', 'foot');
  });
});
