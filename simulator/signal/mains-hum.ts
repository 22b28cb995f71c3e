/**
 * Mains hum: the fundamental (50 or 60 Hz, with the grid's small error) and harmonics up to
 * 0.45 x the sample rate, scaled so the whole hum has the given RMS. Each frame starts from the
 * exact phase of its first sample, then advances by rotation: no drift over a night.
 */
export interface MainsHum {
  addTo(out: Float32Array, first: number, rmsUv: number): void;
}

export function createMainsHum(
  mainsHz: number,
  harmonics: readonly number[],
  emgHz: number,
  phaseRad: number,
): MainsHum {
  const parts = harmonics
    .map((a, i) => ({ hz: mainsHz * (i + 1), a, order: i + 1 }))
    .filter((h) => h.hz < 0.45 * emgHz && h.a > 0);
  const norm = 1 / Math.sqrt(parts.reduce((s, h) => s + (h.a * h.a) / 2, 0) || 1);
  return {
    addTo(out, first, rmsUv) {
      if (rmsUv <= 0) return;
      for (const h of parts) {
        const w = (2 * Math.PI * h.hz) / emgHz;
        const cycles = (first * h.hz) / emgHz;
        const phase = 2 * Math.PI * (cycles - Math.floor(cycles)) + phaseRad * h.order;
        const amp = h.a * norm * rmsUv;
        let s = Math.sin(phase);
        let c = Math.cos(phase);
        const sw = Math.sin(w);
        const cw = Math.cos(w);
        for (let i = 0; i < out.length; i++) {
          out[i] = out[i]! + amp * s;
          const s2 = s * cw + c * sw;
          c = c * cw - s * sw;
          s = s2;
        }
      }
    },
  };
}
