import { readFileSync } from 'node:fs';
import { biquadHighpass } from '../signal/dsp/biquad.ts';
import { resample } from './resample.ts';

/**
 * Real surface EMG used as texture (see `simulator/real-emg/README.md` for sources and
 * licences): isometric holds (da Silva et al. 2024, CC0) give sustained contractions their grain;
 * walking calf EMG (Santuz et al. 2019, MIT) gives phasic bursts. Files are read on first use and
 * parsed once; each rate's resampled copy is kept.
 */
export interface Texture {
  /** Unit RMS (over the active part), at the requested rate. */
  readonly samples: Float32Array;
  /** Sample indices where a burst begins (a step's touchdown); [0] for holds. */
  readonly burstStarts: readonly number[];
}

const HOLDS_FILE = 'elderly-id01-isometric-holds-2khz.csv';
const HOLDS_HZ = 2000;
const HOLD_COLUMNS = ['TA_during_TA_hold_uV', 'VL_during_VL_hold_uV', 'BF_during_BF_hold_uV'];
const WALK_FILE = 'santuz-walking-calf-1khz.csv';
const WALK_HZ = 1000;
const WALK_COLUMNS = ['GM_uV', 'SO_uV'];
const GAIT_FILE = 'santuz-walking-gait-events.csv';

const holdsByRate = new Map<number, readonly Texture[]>();
const phasicByRate = new Map<number, readonly Texture[]>();

/** Sustained-contraction textures (three 10 s holds) at `hz`. */
export function holdTextures(hz: number): readonly Texture[] {
  let t = holdsByRate.get(hz);
  if (!t) {
    const csv = readCsv(HOLDS_FILE);
    t = HOLD_COLUMNS.map((name) => {
      const samples = resample(highpass(column(csv, name), HOLDS_HZ), HOLDS_HZ, hz);
      return { samples: normalise(samples, () => true), burstStarts: [0] };
    });
    holdsByRate.set(hz, t);
  }
  return t;
}

/** Phasic calf bursts (gastrocnemius and soleus while walking) at `hz`, unit RMS in stance. */
export function phasicTextures(hz: number): readonly Texture[] {
  let t = phasicByRate.get(hz);
  if (!t) {
    const csv = readCsv(WALK_FILE);
    const firstS = column(csv, 'time_s')[0] ?? 0;
    const gait = readCsv(GAIT_FILE);
    const liftoffs = column(gait, 'liftoff_s');
    const stances = column(gait, 'touchdown_s').map(
      (on, i) => [on - firstS, (liftoffs[i] ?? on) - firstS] as const,
    );
    const inStance = (i: number) => stances.some(([on, off]) => i / hz >= on && i / hz < off);
    const burstStarts = stances.map(([on]) => Math.round(on * hz));
    t = WALK_COLUMNS.map((name) => {
      const samples = resample(highpass(column(csv, name), WALK_HZ), WALK_HZ, hz);
      return { samples: normalise(samples, inStance), burstStarts };
    });
    phasicByRate.set(hz, t);
  }
  return t;
}

interface Csv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

const csvCache = new Map<string, Csv>();

function readCsv(file: string): Csv {
  let csv = csvCache.get(file);
  if (!csv) {
    const text = readFileSync(new URL(`../real-emg/${file}`, import.meta.url), 'utf8');
    const [head = '', ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    csv = { header: head.split(','), rows: lines.map((l) => l.split(',').map(Number)) };
    csvCache.set(file, csv);
  }
  return csv;
}

function column(csv: Csv, name: string): number[] {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new Error(`real EMG texture: no column ${name}`);
  return csv.rows.map((r) => r[i] ?? 0);
}

/** 20 Hz high-pass, as the band's own front end and the detector's first stage. */
function highpass(x: readonly number[], hz: number): number[] {
  const f = biquadHighpass(20, hz);
  return x.map((v) => f.next(v));
}

function normalise(x: Float32Array, counts: (i: number) => boolean): Float32Array {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (!counts(i)) continue;
    sum += x[i]! * x[i]!;
    n++;
  }
  const k = n > 0 && sum > 0 ? 1 / Math.sqrt(sum / n) : 1;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * k;
  return x;
}
