import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { connectAsync } from 'mqtt';
import { UsageError } from '../../app/commands/command.ts';
import { replayCommand } from '../../app/commands/replay.ts';
import { simulateCommand } from '../../app/commands/simulate.ts';
import { readRecordingLines } from '../../recording/index.ts';
import type { SimulationTruth } from '../../simulator/index.ts';
import { startAedes } from '../harness/aedes.ts';

const exec = promisify(execFile);
let dir: string;
let broker: Awaited<ReturnType<typeof startAedes>>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-sim-cli-'));
  broker = await startAedes();
});
after(async () => {
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

async function crampwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['bin/crampwatch.js', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('simulate --out writes a gzipped recording and its truth, and says what it wrote', async () => {
  const out = join(dir, 'night.jsonl.gz');
  const r = await crampwatch(
    'simulate',
    '--seed',
    '4',
    '--minutes',
    '2',
    '--bands',
    '2',
    '--profile',
    'demo',
    '--out',
    out,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress bar when not on a terminal');
  assert.match(
    r.stdout,
    /^wrote .*night\.jsonl\.gz \(\d+ messages\) and .*night\.jsonl\.gz\.truth\.json\nband-1: 1 cramps/,
  );
  const head = (await readFile(out)).subarray(0, 2);
  assert.deepEqual([...head], [0x1f, 0x8b]);
  let lines = 0;
  for await (const _ of readRecordingLines(out)) lines++;
  assert.equal(Number(/\((\d+) messages\)/.exec(r.stdout)![1]), lines);
  const truth = JSON.parse(await readFile(`${out}.truth.json`, 'utf8')) as SimulationTruth;
  assert.deepEqual(
    truth.bands.map((b) => b.device),
    ['band-1', 'band-2'],
  );
  assert.equal(truth.seed, 4);
});

test('bad arguments get a clear message', async () => {
  const cases: [string, string[], RegExp][] = [
    [
      'simulate',
      ['--minutes', 'abc', '--out', 'x.jsonl'],
      /^simulate: --minutes must be a positive number, got "abc"$/,
    ],
    ['simulate', ['--bands', '0', '--out', 'x.jsonl'], /--bands must be an integer from 1 to 100, got "0"/],
    [
      'simulate',
      ['--emg-hz', '10k', '--out', 'x.jsonl'],
      /--emg-hz must be an integer from 250 to 4000, got "10k"/,
    ],
    [
      'simulate',
      ['--profile', 'wild', '--out', 'x.jsonl'],
      /--profile must be one of none, occasional, typical/,
    ],
    [
      'simulate',
      ['--faults', 'some', '--out', 'x.jsonl'],
      /--faults must be one of none, light, heavy, got "some"/,
    ],
    ['simulate', ['--start', 'yesterday', '--out', 'x.jsonl'], /--start must be an ISO date/],
    ['simulate', ['--minutes', '5'], /--out FILE or --mqtt URL/],
    ['simulate', ['--out', 'x.jsonl', '--speed', '2'], /--speed goes with --mqtt/],
    ['simulate', ['--mqtt', 'nonsense'], /--mqtt must be a broker URL/],
    [
      'simulate',
      ['--mqtt', 'mqtt://h', '--speed', '0'],
      /--speed must be a positive number or "max", got "0"/,
    ],
    ['simulate', ['--seeds', '3'], /Unknown option '--seeds'/],
    ['replay', [join(dir, 'x.jsonl')], /--mqtt URL is required/],
    ['replay', [], /which recording\?/],
    [
      'replay',
      ['a', '--mqtt', 'mqtt://127.0.0.1:1', '--speed', 'fast'],
      /--speed must be a positive number or "max", got "fast"/,
    ],
  ];
  for (const [name, args, message] of cases) {
    const command = name === 'simulate' ? simulateCommand : replayCommand;
    await assert.rejects(
      command(args),
      (err: unknown) => err instanceof UsageError && message.test(err.message),
      args.join(' '),
    );
  }
  await assert.rejects(stat('x.jsonl'), 'nothing written');
  // Through the CLI: the message on standard error, exit status 2.
  const r = await crampwatch('simulate', '--minutes', 'abc', '--out', join(dir, 'y.jsonl'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /crampwatch simulate: --minutes must be a positive number, got "abc"/);
});

test('--help describes both commands and exits 0', async () => {
  const [sim, rep] = await Promise.all([crampwatch('simulate', '--help'), crampwatch('replay', '--help')]);
  assert.equal(sim.code, 0);
  for (const word of [
    '--seed',
    '--minutes',
    '--bands',
    '--profile',
    'restless',
    '--faults',
    '--encoding',
    '--mqtt',
    '--speed',
  ]) {
    assert.ok(sim.stdout.includes(word), word);
  }
  assert.equal(rep.code, 0);
  assert.match(rep.stdout, /usage: crampwatch replay FILE --mqtt URL/);
});

test('replay --speed max and simulate --mqtt publish to a broker', async () => {
  const out = join(dir, 'replay.jsonl');
  assert.equal(
    (await crampwatch('simulate', '--seed', '5', '--minutes', '0.5', '--faults', 'none', '--out', out)).code,
    0,
  );
  let lines = 0;
  for await (const _ of readRecordingLines(out)) lines++;
  const sub = await connectAsync(broker.url, { clientId: 'cli-test-sub' });
  let received = 0;
  sub.on('message', (_topic, _payload, packet) => {
    if (!packet.retain) received++;
  });
  await sub.subscribeAsync('crampwatch/v1/#', { qos: 1 });
  try {
    const replay = await crampwatch('replay', out, '--mqtt', broker.url, '--speed', 'max');
    assert.equal(replay.code, 0, replay.stderr);
    assert.match(replay.stdout, new RegExp(`published ${lines} messages`));
    const live = await crampwatch(
      'simulate',
      '--seed',
      '5',
      '--minutes',
      '0.5',
      '--faults',
      'none',
      '--mqtt',
      broker.url,
      '--speed',
      'max',
    );
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stdout, new RegExp(`published ${lines} messages`));
    const deadline = Date.now() + 5000;
    while (received < 2 * lines && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(received, 2 * lines);
  } finally {
    await sub.endAsync();
  }
  const down = await crampwatch('replay', out, '--mqtt', 'mqtt://127.0.0.1:1');
  assert.equal(down.code, 1);
  assert.match(down.stderr, /crampwatch replay: /);
});
