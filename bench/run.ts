/**
 * `npm run bench`: every benchmark in turn, each under its own heading. Benchmarks print their
 * figures and whether their goal is met; none fails the run.
 */
import { runDecodeBench } from './decode-bench.ts';
import { runDrainBench } from './e2e-drain-bench.ts';

function heading(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

heading('decode: JSON and binary frames');
await runDecodeBench();
heading('end to end: draining a Mosquitto backlog at QoS 1');
await runDrainBench();
