/**
 * Resamples a signal by linear interpolation, low-passing first (Blackman-windowed sinc at 0.45 x
 * the new rate, long enough for a transition band of about a tenth of it) when the rate goes
 * down, so nothing above the new Nyquist folds back.
 */
export function resample(x: ArrayLike<number>, fromHz: number, toHz: number): Float32Array {
  const src =
    toHz < fromHz
      ? lowpassFir(x, (0.45 * toHz) / fromHz, 2 * Math.ceil((30 * fromHz) / toHz) + 1)
      : Float64Array.from(x);
  const n = Math.floor(((src.length - 1) * toHz) / fromHz) + 1;
  const out = new Float32Array(n);
  const step = fromHz / toHz;
  for (let i = 0; i < n; i++) {
    const pos = i * step;
    const k = Math.floor(pos);
    const frac = pos - k;
    const a = src[k]!;
    const b = src[Math.min(k + 1, src.length - 1)]!;
    out[i] = a + (b - a) * frac;
  }
  return out;
}

/** Zero-phase FIR low-pass; `cutoff` is a fraction of the sample rate (0 to 0.5). */
function lowpassFir(x: ArrayLike<number>, cutoff: number, taps: number): Float64Array {
  const half = (taps - 1) / 2;
  const h = new Float64Array(taps);
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const m = i - half;
    const sinc = m === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
    const w =
      0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    h[i] = sinc * w;
    sum += h[i]!;
  }
  const out = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let i = 0; i < taps; i++) {
      const k = n + i - half;
      if (k >= 0 && k < x.length) acc += h[i]! * x[k]!;
    }
    out[n] = acc / sum;
  }
  return out;
}
