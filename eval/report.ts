/**
 * The evaluation's tables, from scored band-nights: a summary per set (detector against the
 * naive baseline), recall and precision per profile, and per hard condition.
 */
import type { EvalSet } from './eval-plan.ts';
import type { BandResult } from './evaluate-night.ts';
import { MUST_NOT_KINDS } from './false-alerts.ts';
import { fixed, pct, seconds } from './format.ts';
import { scoresOf } from './match-events.ts';
import { median, percentile } from './percentile.ts';
import { type BandScore, sumScores, TIMELY_ALERT_MS } from './score-band.ts';
import type { Table } from './table.ts';

const NIGHT_HOURS = 8;
const TOP_CAUSES = 4;

type System = 'detector' | 'naive';
const SYSTEMS: readonly { key: System; name: string }[] = [
  { key: 'detector', name: 'CrampWatch' },
  { key: 'naive', name: 'naive 1 s RMS ≥ 20 µV, 10 s' },
];

/** The scores of `system` on each band where it ran (the detector may have failed). */
export function scoresFor(bands: readonly BandResult[], system: System): BandScore[] {
  return bands.flatMap((b) => {
    const s = b[system];
    return 'error' in s ? [] : [s];
  });
}

export function detectorErrors(bands: readonly BandResult[]): string[] {
  return bands.flatMap((b) =>
    'error' in b.detector ? [`${b.job.set} seed ${b.job.seed}: ${b.detector.error}`] : [],
  );
}

const SUMMARY_HEADERS = [
  'system',
  'band-nights',
  'cramps',
  'cramp P',
  'cramp R',
  'cramp F1',
  'spasm P',
  'spasm R',
  'spasm F1',
  'onset |err| med/p95 s',
  'alert delay med/p95 s',
  `alert ≤${TIMELY_ALERT_MS / 1000} s`,
  'false cramps/night',
  'false cramps by cause /night',
  'during lead-off/turn/PLM',
  'foot agree',
  'PF claimed unobservable',
];

/**
 * The band-nights both systems ran on, so that their figures compare; all of them when the
 * detector ran on none (then only the baseline has figures).
 */
export function comparable(bands: readonly BandResult[]): readonly BandResult[] {
  const ran = bands.filter((b) => !('error' in b.detector));
  return ran.length > 0 ? ran : bands;
}

export function summaryTable(set: EvalSet, all: readonly BandResult[]): Table {
  const bands = comparable(all);
  const rows = SYSTEMS.map(({ key, name }) => {
    const scores = scoresFor(bands, key);
    return summaryRow(name, scores.length, sumScores(scores), key === 'detector');
  });
  const errors = detectorErrors(all);
  const notes = [
    `${bands.length} band-nights, ${bandHours(bands)} band-hours; per night = per ${NIGHT_HOURS} band-hours.`,
    ...(errors.length > 0
      ? [
          `detector failed on ${errors.length} of ${all.length} band-nights` +
            `${bands.length < all.length ? ' (left out of every table)' : ''}, e.g. ${errors[0]}`,
        ]
      : []),
  ];
  return { title: `${set === 'tuning' ? 'Tuning' : 'Held-out'} set`, headers: SUMMARY_HEADERS, rows, notes };
}

function summaryRow(name: string, bandNights: number, s: BandScore, spasms: boolean): string[] {
  const cramp = scoresOf(s.cramps);
  const spasm = scoresOf(s.spasms);
  const nights = s.hours / NIGHT_HOURS;
  const falseCramps = s.cramps.fp;
  const onset = s.onsetErrorsMs.map(Math.abs);
  const causes = Object.entries(s.falseAlerts.byCause).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const top = causes.slice(0, TOP_CAUSES).map(([k, n]) => `${k} ${fixed(n / nights, 1)}`);
  const rest = causes.slice(TOP_CAUSES).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) top.push(`other ${fixed(rest / nights, 1)}`);
  const foot = s.foot;
  return [
    name,
    String(bandNights),
    `${s.cramps.tp}/${s.truthCramps}`,
    pct(cramp.precision),
    pct(cramp.recall),
    fixed(cramp.f1),
    spasms ? pct(spasm.precision) : '—',
    spasms ? pct(spasm.recall) : '—',
    spasms ? fixed(spasm.f1) : '—',
    `${seconds(median(onset))} / ${seconds(percentile(onset, 95))}`,
    `${seconds(median(s.alertDelaysMs))} / ${seconds(percentile(s.alertDelaysMs, 95))}`,
    pct(s.truthCramps === 0 ? Number.NaN : s.timelyAlerts / s.truthCramps),
    fixed(falseCramps / nights, 2),
    top.join(', ') || '—',
    MUST_NOT_KINDS.map((k) => s.falseAlerts.during[k]).join('/'),
    foot ? pct(foot.observable === 0 ? Number.NaN : foot.agree / foot.observable) : '—',
    foot ? pct(foot.unobservable === 0 ? Number.NaN : foot.unobservableClaimed / foot.unobservable) : '—',
  ];
}

/** Cramp recall and precision of both systems on each group of band-nights. */
function groupTable(title: string, groups: readonly (readonly [string, readonly BandResult[]])[]): Table {
  const headers = ['group', 'band-nights', 'truth cramps'];
  for (const { name } of SYSTEMS)
    headers.push(`${short(name)} R`, `${short(name)} P`, `${short(name)} false/night`);
  const rows = groups
    .filter(([, bands]) => bands.length > 0)
    .map(([label, bands]) => {
      const row = [label, String(bands.length), String(sumScores(scoresFor(bands, 'naive')).truthCramps)];
      for (const { key } of SYSTEMS) {
        const s = sumScores(scoresFor(bands, key));
        const sc = scoresOf(s.cramps);
        row.push(
          pct(sc.recall),
          pct(sc.precision),
          s.hours > 0 ? fixed(s.cramps.fp / (s.hours / NIGHT_HOURS)) : '—',
        );
      }
      return row;
    });
  return { title, headers, rows };
}

export function profileTable(set: EvalSet, all: readonly BandResult[]): Table {
  const bands = comparable(all);
  const profiles = [...new Set(bands.map((b) => b.job.profile))];
  return groupTable(
    `${set === 'tuning' ? 'Tuning' : 'Held-out'} set: cramps by profile`,
    profiles.map((p) => [p, bands.filter((b) => b.job.profile === p)] as const),
  );
}

/**
 * Hard conditions: the simulator's hard nights (drift ×2-3, more hum and lead-off), ECG bleed,
 * heavy network faults, nights with several bands; and weak cramps, found or not.
 */
export function conditionsTable(set: EvalSet, all: readonly BandResult[]): Table {
  const bands = comparable(all);
  const table = groupTable(`${set === 'tuning' ? 'Tuning' : 'Held-out'} set: cramps by condition`, [
    ['hard night', bands.filter((b) => b.hardNight)],
    ['normal night', bands.filter((b) => !b.hardNight)],
    ['ECG bleed', bands.filter((b) => b.ecgBleed)],
    ['heavy faults', bands.filter((b) => b.job.faults === 'heavy')],
    ['several bands', bands.filter((b) => b.job.bands > 1)],
  ]);
  const weak = SYSTEMS.map(({ key, name }) => {
    const w = sumScores(scoresFor(bands, key)).weakCramps;
    return `${short(name)} ${w.tp}/${w.tp + w.fn}`;
  });
  return { ...table, notes: [`weak cramps (10-18 µV over resting) found: ${weak.join(', ')}`] };
}

function short(name: string): string {
  return name.split(' ')[0]!;
}

function bandHours(bands: readonly BandResult[]): number {
  return bands.reduce((h, b) => h + b.job.minutes / 60, 0);
}
