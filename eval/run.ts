/**
 * `npm run eval -- [--quick] [--set tuning|heldout|all] [--jobs N] [--cli]`: simulates the
 * evaluation nights (see `eval-plan.ts`), runs the detector and the naive baseline on each, and
 * prints per set a summary, a per-profile and a per-condition table; then all of them again as
 * Markdown, for the docs. Progress goes to standard error. The detector runs in-process
 * (`analyzeRecording`); `--cli` spawns `crampwatch analyze` instead.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type EvalSet, evalPlan, type NightJob } from './eval-plan.ts';
import type { NightResult } from './evaluate-night.ts';
import { conditionsTable, profileTable, summaryTable } from './report.ts';
import { renderMarkdown, renderText, type Table } from './table.ts';

const WORKER = fileURLToPath(new URL('./night-worker.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    set: { type: 'string', default: 'all' },
    jobs: { type: 'string' },
    cli: { type: 'boolean', default: false },
  },
});
const sets: EvalSet[] =
  values.set === 'all'
    ? ['tuning', 'heldout']
    : values.set === 'tuning' || values.set === 'heldout'
      ? [values.set]
      : [];
if (sets.length === 0) {
  process.stderr.write(`eval: --set must be tuning, heldout or all, got ${values.set}\n`);
  process.exit(2);
}
const parallel = Math.max(1, Number(values.jobs ?? availableParallelism()) || 1);
const jobs = evalPlan({ quick: values.quick, sets });
const dir = await mkdtemp(join(tmpdir(), 'crampwatch-eval-'));
const started = performance.now();
let results: NightResult[];
try {
  results = await runPool(jobs, parallel, dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
const elapsedS = Math.round((performance.now() - started) / 1000);

const tables: Table[] = [];
for (const set of sets) {
  const bands = results.filter((r) => r.job.set === set).flatMap((r) => r.bands);
  tables.push(summaryTable(set, bands), profileTable(set, bands), conditionsTable(set, bands));
}
process.stdout.write(`${tables.map(renderText).join('\n\n')}\n\n`);
process.stdout.write(`Markdown:\n\n${tables.map(renderMarkdown).join('\n\n')}\n`);
process.stderr.write(`eval: ${jobs.length} nights in ${elapsedS} s on ${parallel} processes\n`);

/** Evaluates every job in a child process, `parallel` at a time; results in job order. */
async function runPool(all: readonly NightJob[], parallel: number, dir: string): Promise<NightResult[]> {
  const out: NightResult[] = new Array(all.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < all.length) {
      const i = next++;
      const job = all[i]!;
      const r = await runWorker(job, dir);
      out[i] = r;
      const s = r.seconds;
      process.stderr.write(
        `eval: [${++done}/${all.length}] ${job.set} seed ${job.seed} ${job.profile} ×${job.bands} ${job.faults}` +
          ` (simulate ${s.simulate} s, detector ${s.detector} s, naive ${s.naive} s)\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, all.length) }, lane));
  return out;
}

function runWorker(job: NightJob, dir: string): Promise<NightResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, JSON.stringify(job), dir, values.cli ? 'cli' : 'in-process'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`eval: night ${job.set} seed ${job.seed} failed (exit ${code})`));
      else resolve(JSON.parse(out) as NightResult);
    });
  });
}
