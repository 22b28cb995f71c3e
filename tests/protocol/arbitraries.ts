/**
 * fast-check arbitraries of VALID frames. Sample arrays are filled from a small generated
 * palette by a seeded generator, so a 5 s frame at 4 kHz (20,000 samples) costs no more to
 * generate than a short one.
 */
import fc from 'fast-check';
import type { Frame } from '../../protocol/index.ts';

export interface FrameArbOptions {
  /** Only frames the binary layout can express: foot shares the shank's rate and length. */
  readonly binary?: boolean;
  /** EMG values for binary frames stay within the i16 range of this many µV per count. */
  readonly emgScaleUv?: number;
}

function fill(length: number, palette: readonly number[], seed: number): Float32Array {
  const out = new Float32Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    out[i] = palette[s % palette.length] ?? 0;
  }
  return out;
}

/** JSON has no -0; a frame that holds one cannot come back from JSON unchanged. */
const noNegZero = (x: number) => (Object.is(x, -0) ? 0 : x);

const anyF32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map(noNegZero);
const i16 = fc.integer({ min: -32768, max: 32767 });

export const u32Arb = fc.oneof(
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff),
  fc.maxSafeNat().map((x) => x % 2 ** 32),
);

const t0Arb = fc.oneof(fc.constantFrom(0, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());

/** An accelerometer sample count covering `emgSpanS` within one sample period at `hz`. */
function accelSamples(emgSpanS: number, hz: number, nudge: number): number {
  const exact = emgSpanS * hz;
  const m = Math.round(exact) + nudge;
  // Keep a margin from the one-period edge, which the boundary tests cover exactly.
  return m >= 0 && Math.abs(m - exact) <= 0.999 ? m : Math.round(exact);
}

const samplesArb = (emgHz: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: Math.ceil((40 * emgHz) / 1000), max: 5 * emgHz }), weight: 3 },
    fc.constantFrom(Math.ceil((40 * emgHz) / 1000), 5 * emgHz),
  );

/** Valid frames: rates in range, 40 ms to 5 s, accelerometer counts consistent, foot optional. */
export function frameArb(options: FrameArbOptions = {}): fc.Arbitrary<Frame> {
  const binary = options.binary ?? false;
  const scale = Math.fround(options.emgScaleUv ?? 0.1);
  // Binary: values the i16 counts can carry (±32767 counts), with fractions of a count.
  const emgValue = binary
    ? fc.double({ min: -32767, max: 32767, noNaN: true }).map((c) => noNegZero(Math.fround(c * scale)))
    : anyF32;
  const accelValue = binary ? i16 : fc.oneof(i16, anyF32);
  const palette = (value: fc.Arbitrary<number>) => fc.array(value, { minLength: 1, maxLength: 24 });

  return fc
    .record({
      emgHz: fc.oneof(fc.integer({ min: 250, max: 4000 }), fc.constantFrom(250, 1000, 4000)),
      shankHz: fc.oneof(fc.integer({ min: 10, max: 200 }), fc.constantFrom(10, 50, 200)),
      footHz: fc.integer({ min: 10, max: 200 }),
      hasFoot: fc.boolean(),
      shankNudge: fc.integer({ min: -1, max: 1 }),
      footNudge: fc.integer({ min: -1, max: 1 }),
      boot: u32Arb,
      seq: u32Arb,
      t0: t0Arb,
      emgPalette: palette(emgValue),
      shankPalette: palette(accelValue),
      footPalette: palette(accelValue),
      seed: fc.nat(),
    })
    .chain((r) => samplesArb(r.emgHz).map((n) => ({ ...r, n })))
    .map((r): Frame => {
      const spanS = r.n / r.emgHz;
      const m = accelSamples(spanS, r.shankHz, r.shankNudge);
      const emg = { hz: r.emgHz, uv: fill(r.n, r.emgPalette, r.seed) };
      const shank = { hz: r.shankHz, mg: fill(3 * m, r.shankPalette, r.seed + 1) };
      const base = { v: 1 as const, boot: r.boot, seq: r.seq, t0: r.t0, emg, shank };
      if (!r.hasFoot) return base;
      const footHz = binary ? r.shankHz : r.footHz;
      const footM = binary ? m : accelSamples(spanS, footHz, r.footNudge);
      return { ...base, foot: { hz: footHz, mg: fill(3 * footM, r.footPalette, r.seed + 2) } };
    });
}
