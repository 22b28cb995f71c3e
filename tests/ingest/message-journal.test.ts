import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { pino } from 'pino';
import { type JournaledMessage, MessageJournal } from '../../ingest/index.ts';

const log = pino({ level: 'silent' });
const MINUTE = 60_000;
const T = 1_764_201_600_000;
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'crampwatch-journal-'));
  dirs.push(d);
  return d;
};

async function replayed(journal: MessageJournal, since: number): Promise<JournaledMessage[]> {
  const out: JournaledMessage[] = [];
  for await (const m of journal.replay(since)) out.push(m);
  return out;
}

describe('message journal (the recent past, for resuming the detector after a crash)', () => {
  test('replays what was appended, in order, bytes intact, across a reopen', async () => {
    const dir = tempDir();
    const journal = MessageJournal.open(dir, 15 * MINUTE, log);
    const payloads = [Buffer.from([0x4c, 0x42, 0, 255, 7]), Buffer.from('{"v":1,"online":true}')];
    journal.append('cw/band-1/frame', payloads[0]!, T);
    journal.append('cw/band-1/status', payloads[1]!, T + 90_000);
    journal.close();
    const again = MessageJournal.open(dir, 15 * MINUTE, log);
    const out = await replayed(again, 0);
    assert.deepEqual(
      out.map((m) => [m.topic, [...m.payload], m.receivedAt]),
      [
        ['cw/band-1/frame', [...payloads[0]!], T],
        ['cw/band-1/status', [...payloads[1]!], T + 90_000],
      ],
    );
    assert.equal(readdirSync(dir).length, 2, 'one segment per minute');
  });

  test('replays only messages received since the given time', async () => {
    const journal = MessageJournal.open(tempDir(), 60 * MINUTE, log);
    for (let i = 0; i < 10; i++) journal.append('cw/b/frame', Buffer.from([i]), T + i * 30_000);
    const out = await replayed(journal, T + 5 * 30_000);
    assert.deepEqual(
      out.map((m) => m.payload[0]),
      [5, 6, 7, 8, 9],
    );
  });

  test('deletes segments older than it keeps as new ones begin', () => {
    const dir = tempDir();
    const journal = MessageJournal.open(dir, 5 * MINUTE, log);
    for (let m = 0; m < 20; m++) journal.append('cw/b/frame', Buffer.from([m]), T + m * MINUTE);
    const kept = readdirSync(dir).length;
    assert.ok(kept >= 6 && kept <= 7, `kept ${kept} segments for 5 minutes`);
  });

  test('a line torn by a crash is skipped, and lines appended after it stay whole', async () => {
    const dir = tempDir();
    const journal = MessageJournal.open(dir, 15 * MINUTE, log);
    journal.append('cw/b/frame', Buffer.from([1]), T);
    journal.close();
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), '{"at":1764201600001,"topic":"cw/b/fr');
    const again = MessageJournal.open(dir, 15 * MINUTE, log);
    again.append('cw/b/frame', Buffer.from([2]), T + 1_000);
    again.append('cw/b/frame', Buffer.from([3]), T + 61_000);
    const out = await replayed(again, 0);
    assert.deepEqual(
      out.map((m) => m.payload[0]),
      [1, 2, 3],
    );
  });
});
