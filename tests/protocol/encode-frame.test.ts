import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Frame } from '../../protocol/index.ts';
import {
  DEFAULT_EMG_SCALE_UV,
  decodeFrame,
  encodeBinaryFrame,
  encodeJsonFrame,
  frameToJson,
} from '../../protocol/index.ts';
import { frameArb } from './arbitraries.ts';
import { assertAccepted, utf8 } from './fixtures.ts';

/** A valid 200 ms frame at 1 kHz / 50 Hz with the given EMG and accelerometer values. */
function frameOf(uv: number[], mg: number[] = [0, 0, 1000], foot?: number[]): Frame {
  const base = {
    v: 1 as const,
    boot: 9,
    seq: 10,
    t0: 1_764_201_600_000,
    emg: { hz: 1000, uv: Float32Array.from({ length: 200 }, (_, i) => uv[i % uv.length] ?? 0) },
    shank: { hz: 50, mg: Float32Array.from({ length: 30 }, (_, i) => mg[i % mg.length] ?? 0) },
  };
  return foot
    ? { ...base, foot: { hz: 50, mg: Float32Array.from({ length: 30 }, (_, i) => foot[i % 3] ?? 0) } }
    : base;
}

const RUNS = 150;

describe('JSON round trip', () => {
  it('decode(encode(frame)) is the same frame, Float32 values exact', () => {
    fc.assert(
      fc.property(frameArb(), (frame) => {
        assert.deepStrictEqual(assertAccepted(decodeFrame(utf8(encodeJsonFrame(frame)))), frame);
      }),
      { numRuns: RUNS },
    );
  });

  it('frameToJson gives the spec field names, foot only when present', () => {
    const json = frameToJson(frameOf([1.5], [1, 2, 3]));
    assert.deepEqual(Object.keys(json), ['v', 'boot', 'seq', 't0', 'emg', 'shank']);
    assert.deepEqual(json.shank, { hz: 50, mg: new Array(10).fill([1, 2, 3]).flat() });
    assert.ok('foot' in frameToJson(frameOf([1.5], [1, 2, 3], [4, 5, 6])));
  });

  it('rounds EMG to uvDecimals when asked', () => {
    const text = encodeJsonFrame(frameOf([1.23456, -0.98765]), { uvDecimals: 2 });
    const uv = (JSON.parse(text) as { emg: { uv: number[] } }).emg.uv;
    assert.deepEqual(uv.slice(0, 2), [1.23, -0.99]);
  });
});

describe('binary round trip', () => {
  for (const scale of [DEFAULT_EMG_SCALE_UV, 0.013, 2.5]) {
    it(`EMG within scale/2 per sample (scale ${scale} µV), accelerometers exact`, () => {
      const s = Math.fround(scale);
      fc.assert(
        fc.property(frameArb({ binary: true, emgScaleUv: scale }), (frame) => {
          const bytes = encodeBinaryFrame(frame, scale);
          const decoded = assertAccepted(decodeFrame(bytes));
          const { emg: _e, ...header } = decoded;
          const { emg: _f, ...expectedHeader } = frame;
          // Header fields and accelerometers exactly (integer milli-g within i16).
          assert.deepStrictEqual(header, expectedHeader);
          assert.equal(decoded.emg.hz, frame.emg.hz);
          assert.equal(decoded.emg.uv.length, frame.emg.uv.length);
          for (let i = 0; i < frame.emg.uv.length; i++) {
            const want = frame.emg.uv[i] ?? Number.NaN;
            const got = decoded.emg.uv[i] ?? Number.NaN;
            // Quantisation to scale/2, plus the float32 rounding of count × scale.
            const tolerance = s / 2 + Math.abs(want) * 2 ** -23;
            if (!(Math.abs(got - want) <= tolerance)) assert.fail(`uv[${i}]: ${got} vs ${want} (scale ${s})`);
          }
        }),
        { numRuns: RUNS / 3 },
      );
    });
  }

  it('writes the header at the offsets of the spec table, little-endian', () => {
    const frame = { ...frameOf([0.25], [1, -2, 3], [4, 5, 6]), boot: 0x01020304, seq: 0xa0b0c0d0 };
    const bytes = encodeBinaryFrame(frame, 0.5);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    assert.deepEqual(Array.from(bytes.subarray(0, 4)), [0x4c, 0x42, 1, 1]);
    assert.deepEqual(Array.from(bytes.subarray(4, 8)), [4, 3, 2, 1]);
    assert.equal(view.getUint32(8, true), 0xa0b0c0d0);
    assert.equal(view.getBigUint64(12, true), 1_764_201_600_000n);
    assert.equal(view.getUint16(20, true), 1000);
    assert.equal(view.getUint16(22, true), 50);
    assert.equal(view.getUint16(24, true), 200);
    assert.equal(view.getUint16(26, true), 10);
    assert.equal(view.getFloat32(28, true), 0.5);
    assert.equal(view.getInt16(32, true), 1); // 0.25 µV / 0.5 µV per count, rounded
    assert.deepEqual(
      [view.getInt16(432, true), view.getInt16(434, true), view.getInt16(436, true)],
      [1, -2, 3],
    );
    assert.deepEqual(
      [view.getInt16(492, true), view.getInt16(494, true), view.getInt16(496, true)],
      [4, 5, 6],
    );
    assert.equal(bytes.length, 32 + 400 + 60 + 60);
  });

  it('saturates EMG and accelerometer values beyond i16, as the ADC does', () => {
    const frame = frameOf(
      [1e6, -1e6, 3276.7, -3276.8, 1e30],
      [40000, -40000, 32767.4],
      [-32768.4, 1e9, -1e9],
    );
    const bytes = encodeBinaryFrame(frame, 0.1);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const emgCounts = [0, 1, 2, 3, 4].map((i) => view.getInt16(32 + 2 * i, true));
    assert.deepEqual(emgCounts, [32767, -32768, 32767, -32768, 32767]);
    const decoded = assertAccepted(decodeFrame(bytes));
    assert.equal(decoded.emg.uv[0], Math.fround(32767 * Math.fround(0.1)));
    assert.equal(decoded.emg.uv[1], Math.fround(-32768 * Math.fround(0.1)));
    assert.deepEqual(Array.from(decoded.shank.mg.subarray(0, 3)), [32767, -32768, 32767]);
    assert.deepEqual(Array.from(decoded.foot?.mg.subarray(0, 3) ?? []), [-32768, 32767, -32768]);
  });

  it('rounds accelerometer values to whole milli-g', () => {
    const decoded = assertAccepted(decodeFrame(encodeBinaryFrame(frameOf([0], [1.4, -1.6, 2.5]))));
    assert.deepEqual(Array.from(decoded.shank.mg.subarray(0, 3)), [1, -2, 3]);
  });
});

describe('encodeBinaryFrame refuses what the layout cannot express', () => {
  const good = frameOf([1], [1, 2, 3], [4, 5, 6]);
  const foot = good.foot ?? assert.fail();
  const cases: [string, Frame, number?][] = [
    ['a foot rate different from the shank', { ...good, foot: { ...foot, hz: 100 } }],
    ['a foot length different from the shank', { ...good, foot: { ...foot, mg: new Float32Array(33) } }],
    ['more than 65,535 EMG samples', { ...good, emg: { hz: 4000, uv: new Float32Array(65_536) } }],
    [
      'more than 65,535 accelerometer samples',
      { ...good, shank: { hz: 50, mg: new Float32Array(3 * 65_536) }, foot: undefined } as Frame,
    ],
    ['an accelerometer length not a multiple of 3', { ...good, shank: { hz: 50, mg: new Float32Array(31) } }],
    ['scale 0', good, 0],
    ['a negative scale', good, -0.1],
    ['a NaN scale', good, Number.NaN],
    ['a scale that rounds to 0 as float32', good, 1e-50],
    ['a scale whose full scale overflows float32', good, 1e38],
  ];
  for (const [name, frame, scale] of cases) {
    it(`throws RangeError for ${name}`, () => {
      assert.throws(() => encodeBinaryFrame(frame, scale), RangeError);
    });
  }

  it('accepts exactly 65,535 EMG samples (the u16 maximum)', () => {
    const frame = { ...good, emg: { hz: 4000, uv: new Float32Array(65_535) } };
    const view = new DataView(encodeBinaryFrame(frame).buffer);
    assert.equal(view.getUint16(24, true), 65_535);
  });
});
