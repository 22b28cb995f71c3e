/**
 * Child process of `eval/run.ts`: evaluates the one night given as JSON in argv[2] in the
 * directory argv[3] (the detector in-process, or through the CLI if argv[4] is `cli`) and prints
 * its {@link NightResult} as one JSON line. A process per night keeps nights in parallel on
 * every core and each night's memory its own.
 */
import type { NightJob } from './eval-plan.ts';
import { evaluateNight } from './evaluate-night.ts';
import { runDetector } from './run-detector.ts';
import { runDetectorInProcess } from './run-detector-in-process.ts';

const [jobJson, dir, runner = 'in-process'] = process.argv.slice(2);
if (jobJson === undefined || dir === undefined) {
  process.stderr.write('usage: night-worker.ts JOB_JSON DIR [in-process|cli]\n');
  process.exit(2);
}
const detector = runner === 'cli' ? runDetector : runDetectorInProcess;
const result = await evaluateNight(JSON.parse(jobJson) as NightJob, dir, detector);
process.stdout.write(`${JSON.stringify(result)}\n`);
