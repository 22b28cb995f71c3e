import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalPlan } from '../../eval/eval-plan.ts';
import type { BandResult } from '../../eval/evaluate-night.ts';
import { profileTable, summaryTable } from '../../eval/report.ts';
import { EMPTY_SCORE } from '../../eval/score-band.ts';
import { renderMarkdown, renderText } from '../../eval/table.ts';

test('the plan keeps tuning and held-out seeds apart; held-out has heavy faults and several bands', () => {
  const jobs = evalPlan({ quick: false, sets: ['tuning', 'heldout'] });
  const tuning = jobs.filter((j) => j.set === 'tuning');
  const heldout = jobs.filter((j) => j.set === 'heldout');
  assert.deepEqual(
    tuning.map((j) => j.seed),
    [1, 2, 3, 4, 5, 6],
  );
  assert.deepEqual(
    heldout.map((j) => j.seed),
    Array.from({ length: 12 }, (_, i) => 1001 + i),
  );
  assert.ok(heldout.some((j) => j.faults === 'heavy') && heldout.some((j) => j.bands > 1));
  for (const p of ['typical', 'severe', 'restless', 'none', 'occasional']) {
    assert.ok(tuning.some((j) => j.profile === p) && heldout.some((j) => j.profile === p), p);
  }
  assert.ok(jobs.every((j) => j.minutes === 480));
  assert.ok(
    evalPlan({ quick: true, sets: ['heldout'] }).every((j) => j.set === 'heldout' && j.minutes < 480),
  );
});

test('tables render as aligned text and Markdown, with a dash where the detector failed', () => {
  const job = {
    set: 'tuning',
    seed: 1,
    profile: 'typical',
    bands: 1,
    faults: 'light',
    minutes: 480,
  } as const;
  const band: BandResult = {
    job,
    device: 'band-1',
    hardNight: false,
    hasFoot: true,
    ecgBleed: false,
    weakCramps: 0,
    detector: { error: 'boom' },
    naive: { ...EMPTY_SCORE, hours: 8, truthCramps: 2, cramps: { tp: 1, fp: 3, fn: 1 } },
  };
  const summary = summaryTable('tuning', [band]);
  assert.equal(summary.rows.length, 2);
  assert.equal(summary.rows[1]?.[4], '50%');
  assert.ok(summary.notes?.some((n) => n.includes('boom')));
  const md = renderMarkdown(profileTable('tuning', [band]));
  assert.match(md, /^\*\*Tuning set: cramps by profile\*\*/);
  assert.match(md, /\| typical \| 1 \| 2 \| — \| — \| — \| 50% \| 25% \| 3.00 \|/);
  const text = renderText(summary).split('\n');
  assert.equal(text[1]?.length, text[2]?.length);
});

test('both systems are compared on the band-nights where the detector ran', () => {
  const job = {
    set: 'heldout',
    seed: 1001,
    profile: 'typical',
    bands: 2,
    faults: 'heavy',
    minutes: 480,
  } as const;
  const naive = { ...EMPTY_SCORE, hours: 8, truthCramps: 1, cramps: { tp: 1, fp: 0, fn: 0 } };
  const ok: BandResult = {
    job,
    device: 'band-1',
    hardNight: true,
    hasFoot: false,
    ecgBleed: true,
    weakCramps: 0,
    detector: naive,
    naive,
  };
  const failed: BandResult = { ...ok, device: 'band-2', detector: { error: 'boom' } };
  const summary = summaryTable('heldout', [ok, failed]);
  assert.deepEqual(
    summary.rows.map((r) => r[1]),
    ['1', '1'],
  );
  assert.ok(summary.notes?.some((n) => n.includes('1 of 2') && n.includes('left out')));
});
