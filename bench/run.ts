/**
 * `npm run bench`: every benchmark in turn, each under its own heading. Benchmarks print their
 * figures and whether their goal is met; none fails the run.
 *
 * `npm run bench -- detector decode` runs only the named sections, in the order of this file.
 */
import { runDecodeBench } from './decode-bench.ts';
import { runDetectorBench } from './detector-bench.ts';
import { runDrainBench } from './e2e-drain-bench.ts';
import { runPipelineBench } from './pipeline-bench.ts';
import { benchSpool } from './spool-bench.ts';
import { benchInfluxStore } from './storage-influx-bench.ts';
import { benchSqliteStore } from './storage-sqlite-bench.ts';
import { benchWebsocketFanout } from './websocket-fanout-bench.ts';

/** Runs a bench that returns its lines, and prints them. */
const printing = (bench: () => Promise<string[]>) => async () => {
  for (const line of await bench()) console.log(line);
};

const SECTIONS = [
  { name: 'decode', title: 'decode: JSON and binary frames', run: runDecodeBench },
  { name: 'drain', title: 'end to end: draining a Mosquitto backlog at QoS 1', run: runDrainBench },
  { name: 'detector', title: 'detector: analyze, live cost and state per band', run: runDetectorBench },
  {
    name: 'pipeline',
    title: 'pipeline: one message from bytes to durable (decode, detect, spool, journal)',
    run: runPipelineBench,
  },
  { name: 'spool', title: 'spool: appends and reads of store records', run: printing(benchSpool) },
  {
    name: 'sqlite',
    title: 'embedded store: writes, a night timeline, 90 nights',
    run: printing(benchSqliteStore),
  },
  {
    name: 'influx',
    title: 'InfluxDB store: 1,000 bands, a night timeline, 90 nights',
    run: printing(benchInfluxStore),
  },
  {
    name: 'websocket',
    title: 'live WebSocket: one alert to 200 clients',
    run: printing(benchWebsocketFanout),
  },
] as const;

function heading(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  heading(section.title);
  await section.run();
}
