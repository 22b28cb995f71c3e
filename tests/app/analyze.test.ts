import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { encodeBinaryFrame, frameToJson, toRecordingLine } from '../../protocol/index.ts';
import { contiguousFrames, T0 } from '../helpers/frames.ts';

const run = promisify(execFile);
const topic = (device: string, kind = 'frame') => `crampwatch/v1/${device}/${kind}`;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-analyze-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyze(lines: string[], name = 'night.jsonl', gzip = false) {
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  await writeFile(path, gzip ? gzipSync(text) : text);
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/crampwatch.js', 'analyze', path]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A recording with every kind of good message and one of each kind of broken one, line numbers known. */
function mixedRecording(): { lines: string[]; expected: string[] } {
  const a = contiguousFrames(12, { boot: 1, startSeq: 0, startT0: T0 });
  const b = contiguousFrames(3, { boot: 2, startSeq: 0, startT0: T0, foot: false });
  const good = (device: string, f: (typeof a)[number], binary: boolean) =>
    binary
      ? toRecordingLine(topic(device), encodeBinaryFrame(f))
      : toRecordingLine(topic(device), JSON.stringify(frameToJson(f)));
  const lines: string[] = [];
  const expected: string[] = [];
  const bad = (line: string, reason: RegExp | string) => {
    lines.push(line);
    expected.push(`line ${lines.length}: ${reason}`);
  };
  lines.push(toRecordingLine(topic('band-a', 'status'), '{"v":1,"online":true,"side":"left","future":1}'));
  for (let i = 0; i < 5; i++) lines.push(good('band-a', a[i]!, i % 2 === 0));
  lines.push(good('band-a', a[3]!, true)); // a duplicate is not a problem
  lines.push(good('band-a', a[8]!, false)); // a gap is not a problem...
  for (const f of b) lines.push(good('band-b', f, true));
  for (const i of [5, 6, 7]) lines.push(good('band-a', a[i]!, true)); // ...nor a late upload
  bad('this is not json', 'not a JSON line');
  bad('{"payload":{}}', 'the line has no "topic" string');
  bad(JSON.stringify({ topic: topic('band-a'), payloadBase64: '***' }), 'payloadBase64 is not valid base64');
  bad(toRecordingLine(topic('band-a'), '{"v":2}'), 'version-unsupported');
  bad(toRecordingLine(topic('band a'), encodeBinaryFrame(a[9]!)), 'device-id-invalid');
  bad(toRecordingLine('other/band-a/frame', encodeBinaryFrame(a[9]!)), 'topic-invalid');
  const truncated = encodeBinaryFrame(a[9]!).subarray(0, 100);
  bad(toRecordingLine(topic('band-a'), truncated), 'binary-length-mismatch');
  const jumped = { ...a[9]!, t0: a[9]!.t0 + 400 };
  bad(good('band-a', jumped, true), 't0-discontinuous');
  const odd = frameToJson(a[9]!);
  (odd.shank as { mg: number[] }).mg.pop();
  bad(toRecordingLine(topic('band-a'), JSON.stringify(odd)), 'accel-samples-invalid');
  bad(toRecordingLine(topic('band-a', 'status'), '{"v":1,"online":"yes"}'), 'status-invalid');
  const future = { ...frameToJson(a[9]!), t0: Date.now() + 3_600_000, seq: 500 };
  bad(toRecordingLine(topic('band-c'), JSON.stringify(future)), 't0-future');
  for (const i of [9, 10, 11]) lines.push(good('band-a', a[i]!, i % 2 === 0)); // the stream goes on undisturbed
  return { lines, expected };
}

test('analyze reports each broken line as "line N: reason", nothing else, and exits 0', async () => {
  const { lines, expected } = mixedRecording();
  const result = await analyze(lines);
  assert.equal(result.code, 0);
  const reported = result.stderr.trim().split('\n');
  assert.equal(reported.length, expected.length, result.stderr);
  reported.forEach((line, i) =>
    assert.ok(line.startsWith(expected[i]!), `${line}\n  expected ${expected[i]}`),
  );
  const events = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  for (const e of events) assert.equal(e.id, `${e.device}:${e.kind}:${e.start}`);
  // The lost frames 5-7 of band-a (filled late afterwards) were a gap as they happened.
  assert.ok(events.some((e) => e.kind === 'signal_gap' && e.start === T0 + 1000 && e.end === T0 + 1600));
  assert.deepEqual(
    events.map((e) => e.start),
    events.map((e) => e.start).sort((a, b) => a - b),
    'in order of start',
  );
});

test('analyze reads gzip-compressed recordings', async () => {
  const { lines, expected } = mixedRecording();
  const result = await analyze(lines, 'night.jsonl.gz', true);
  assert.equal(result.code, 0);
  assert.equal(result.stderr.trim().split('\n').length, expected.length);
});

test('analyze exits non-zero only when the file cannot be read', async () => {
  const missing = await run(process.execPath, [
    'bin/crampwatch.js',
    'analyze',
    join(dir, 'nope.jsonl'),
  ]).catch((e) => e);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*nope\.jsonl/);
  const garbage = await analyze(['\u0000\u0001binary junk', '{}'], 'junk.jsonl');
  assert.equal(garbage.code, 0);
  assert.match(garbage.stderr, /^line 1: not a JSON line/);
  assert.match(garbage.stderr, /line 2: the line has no "topic" string/);
});
