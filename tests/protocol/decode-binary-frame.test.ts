import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBinaryFrame, decodeFrame, encodeBinaryFrame } from '../../protocol/index.ts';
import { assertAccepted, assertRejected, binaryFrame, NOW, T0 } from './fixtures.ts';

const decode = (bytes: Uint8Array, nowMs: number | 'no-clock' = NOW) =>
  decodeFrame(bytes, nowMs === 'no-clock' ? undefined : nowMs);

describe('binary frame: accepted', () => {
  it('decodes every header field and stream', () => {
    const emg = Array.from({ length: 200 }, (_, i) => ((i * 331) % 65536) - 32768);
    const shank = Array.from({ length: 30 }, (_, i) => i * 1000 - 15000);
    const foot = Array.from({ length: 30 }, (_, i) => 32767 - i);
    const bytes = binaryFrame({ boot: 0xffffffff, seq: 0x80000001, scale: 0.25, emg, shank, foot });
    const frame = assertAccepted(decode(bytes));
    assert.equal(frame.v, 1);
    assert.equal(frame.boot, 4_294_967_295);
    assert.equal(frame.seq, 2_147_483_649);
    assert.equal(frame.t0, T0);
    assert.equal(frame.emg.hz, 1000);
    assert.deepEqual(
      Array.from(frame.emg.uv),
      emg.map((c) => c * 0.25),
    );
    assert.deepEqual(Array.from(frame.shank.mg), shank);
    assert.equal(frame.shank.hz, 50);
    assert.deepEqual(Array.from(frame.foot?.mg ?? []), foot);
    assert.equal(frame.foot?.hz, 50);
  });

  it('multiplies counts by the f32 scale, rounded to float32', () => {
    const frame = assertAccepted(decode(binaryFrame({ scale: 0.1, emg: new Array(200).fill(-32768) })));
    assert.equal(frame.emg.uv[0], Math.fround(-32768 * Math.fround(0.1)));
  });

  it('leaves foot out when flag bit 0 is clear', () => {
    const frame = assertAccepted(decode(binaryFrame({ foot: undefined })));
    assert.equal('foot' in frame, false);
  });

  it('decodes a payload at an odd byteOffset of a larger buffer (MQTT buffers are pooled)', () => {
    const bytes = binaryFrame();
    const big = new Uint8Array(bytes.length + 7);
    big.set(bytes, 3);
    const unaligned = big.subarray(3, 3 + bytes.length);
    assert.deepEqual(assertAccepted(decode(unaligned)), assertAccepted(decode(bytes)));
  });

  it('decodes t0 up to the largest safe integer', () => {
    const frame = assertAccepted(decode(binaryFrame({ t0: BigInt(Number.MAX_SAFE_INTEGER) }), 'no-clock'));
    assert.equal(frame.t0, Number.MAX_SAFE_INTEGER);
  });
});

describe('binary frame: header', () => {
  for (const length of [2, 3, 16, 31]) {
    it(`rejects a ${length}-byte payload as a truncated header`, () => {
      assertRejected(decode(binaryFrame().subarray(0, length)), 'binary-header-truncated', `${length} bytes`);
    });
  }

  it('decodeBinaryFrame alone rejects an empty payload as truncated', () => {
    assertRejected(decodeBinaryFrame(new Uint8Array(0)), 'binary-header-truncated', '0 bytes');
  });

  for (const version of [0, 2, 255]) {
    it(`rejects version byte ${version}`, () =>
      assertRejected(decode(binaryFrame({ version })), 'version-unsupported', `is ${version}`));
  }

  for (const [flags, shown] of [
    [0x02, '0x02'],
    [0x03, '0x03'],
    [0x80, '0x80'],
    [0xff, '0xff'],
  ] as const) {
    it(`rejects reserved flag bits ${shown}`, () =>
      assertRejected(decode(binaryFrame({ flags })), 'binary-flags-reserved', shown));
  }

  for (const [scale, shown] of [
    [Number.NaN, 'NaN'],
    [0, 'is 0'],
    [-0, 'is 0'],
    [-0.1, '-0.1'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [1e38, 'overflow'],
  ] as const) {
    it(`rejects EMG scale ${scale}`, () =>
      assertRejected(decode(binaryFrame({ scale })), 'binary-scale-invalid', shown));
  }

  it('accepts the largest scale whose full-scale count fits float32', () => {
    const scale = Math.fround(3.4028234663852886e38 / 32768);
    const frame = assertAccepted(decode(binaryFrame({ scale, emg: new Array(200).fill(-32768) })));
    assert.ok(Number.isFinite(frame.emg.uv[0]));
  });

  it('rejects t0 beyond the safe integer range, naming it', () => {
    assertRejected(decode(binaryFrame({ t0: 2n ** 53n }), 'no-clock'), 't0-invalid', '9007199254740992');
    assertRejected(
      decode(binaryFrame({ t0: 2n ** 64n - 1n }), 'no-clock'),
      't0-invalid',
      '18446744073709551615',
    );
  });

  it('rejects t0 more than 5 minutes ahead, accepts exactly 5 minutes', () => {
    assertAccepted(decode(binaryFrame(), T0 - 300_000));
    assertRejected(decode(binaryFrame(), T0 - 300_001), 't0-future', String(T0));
  });

  for (const emgHz of [0, 249, 4001, 65535]) {
    it(`rejects EMG rate ${emgHz}`, () =>
      assertRejected(decode(binaryFrame({ emgHz })), 'emg-rate-invalid', `${emgHz} Hz`));
  }
  for (const accelHz of [0, 9, 201]) {
    it(`rejects accelerometer rate ${accelHz}`, () =>
      assertRejected(decode(binaryFrame({ accelHz })), 'accel-rate-invalid', `${accelHz} Hz`));
  }
});

describe('binary frame: length', () => {
  const good = binaryFrame();
  const expected = 32 + 2 * 200 + 6 * 10 * 2;

  it('is exactly the header plus 2n plus 6m per accelerometer', () => {
    assert.equal(good.length, expected);
    assertAccepted(decode(good));
  });

  it('rejects one byte less, with both lengths', () => {
    assertRejected(
      decode(good.subarray(0, expected - 1)),
      'binary-length-mismatch',
      `${expected - 1} bytes`,
      `says ${expected}`,
    );
  });

  it('rejects one byte more, with both lengths', () => {
    const longer = new Uint8Array(expected + 1);
    longer.set(good);
    assertRejected(decode(longer), 'binary-length-mismatch', `${expected + 1} bytes`, `says ${expected}`);
  });

  it('rejects a foot flag without foot samples', () => {
    assertRejected(decode(binaryFrame({ foot: undefined, flags: 1 })), 'binary-length-mismatch', 'foot');
  });

  it('rejects foot samples without the foot flag', () => {
    assertRejected(decode(binaryFrame({ flags: 0 })), 'binary-length-mismatch');
  });

  it('rejects header counts that disagree with the data', () => {
    assertRejected(decode(binaryFrame({ n: 201 })), 'binary-length-mismatch', '201 EMG');
    assertRejected(decode(binaryFrame({ m: 9 })), 'binary-length-mismatch', '9 accelerometer');
  });
});

describe('binary frame: span rules apply as in JSON', () => {
  it('accepts 40 ms and 5 s, rejects 39 ms and 5.001 s', () => {
    const acc = (samples: number) => new Array(3 * samples).fill(0);
    assertAccepted(decode(binaryFrame({ emg: new Array(40).fill(1), shank: acc(2), foot: acc(2) })));
    assertAccepted(decode(binaryFrame({ emg: new Array(5000).fill(1), shank: acc(250), foot: acc(250) })));
    assertRejected(
      decode(binaryFrame({ emg: new Array(39).fill(1), shank: acc(2), foot: acc(2) })),
      'frame-span-invalid',
      '39 EMG',
    );
    assertRejected(
      decode(binaryFrame({ emg: new Array(5001).fill(1), shank: acc(250), foot: acc(250) })),
      'frame-span-invalid',
      '5001 EMG',
    );
  });

  it('accepts accelerometers one period off and rejects two', () => {
    const acc = (samples: number) => new Array(3 * samples).fill(0);
    assertAccepted(decode(binaryFrame({ shank: acc(11), foot: acc(11) })));
    assertAccepted(decode(binaryFrame({ shank: acc(9), foot: acc(9) })));
    assertRejected(decode(binaryFrame({ shank: acc(12), foot: acc(12) })), 'span-mismatch', '12 samples');
    assertRejected(decode(binaryFrame({ shank: acc(8), foot: undefined })), 'span-mismatch', '8 samples');
  });
});

describe('decodeBinaryFrame: where the payload lies in memory', () => {
  const frame = contiguousFramesForAlignment();
  const payload = encodeBinaryFrame(frame);
  for (const offset of [0, 1, 2, 3]) {
    it(`decodes a payload at byte offset ${offset} of a shared Node Buffer (as mqtt.js hands it over)`, () => {
      const pool = Buffer.alloc(payload.length + 8, 0xaa);
      pool.set(payload, offset);
      const r = decodeBinaryFrame(pool.subarray(offset, offset + payload.length));
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const reference = decodeBinaryFrame(payload);
      assert.ok(reference.ok);
      assert.deepEqual(Array.from(r.value.emg.uv), Array.from(reference.value.emg.uv));
      assert.ok(r.value.emg.uv.some((v) => v !== 0));
      assert.deepEqual(Array.from(r.value.shank.mg), Array.from(frame.shank.mg));
      assert.deepEqual(Array.from(r.value.foot!.mg), Array.from(frame.foot!.mg));
    });
  }
});

function contiguousFramesForAlignment() {
  const uv = Float32Array.from({ length: 200 }, (_, i) => Math.round(Math.sin(i) * 500) / 10);
  const shank = Float32Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 990 + i : i - 15));
  const foot = Float32Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? 1000 - i : i + 1));
  return {
    v: 1 as const,
    boot: 1,
    seq: 2,
    t0: 1_764_201_600_000,
    emg: { hz: 1000, uv },
    shank: { hz: 50, mg: shank },
    foot: { hz: 50, mg: foot },
  };
}
