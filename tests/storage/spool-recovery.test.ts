import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openSpool } from '../../storage/spool/index.ts';
import { captureLog, drain, eventRecord, secondRecord, tempDir } from './fixtures/spool-records.ts';

const segments = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('seg-'))
    .sort();
const line = (r: unknown) => `${JSON.stringify(r)}\n`;

describe('spool recovery', () => {
  test('a torn last line is truncated with a warning; every whole record before it is kept', (t) => {
    const dir = tempDir(t);
    const first = captureLog();
    const spool = openSpool({ dir, log: first.log });
    const records = Array.from({ length: 10 }, (_, i) => secondRecord(i));
    spool.append(records);
    spool.close();
    const last = join(dir, segments(dir).at(-1)!);
    const whole = statSync(last).size;
    appendFileSync(last, line(secondRecord(10)).slice(0, 57)); // a write cut short

    const { log, find } = captureLog();
    const reopened = openSpool({ dir, log });
    const [warning] = find(40, 'torn last line');
    assert.ok(warning, 'a warning names the torn line');
    assert.equal(warning.segment, segments(dir)[0]);
    assert.equal(warning.offset, whole);
    assert.equal(warning.droppedBytes, 57);
    assert.equal(statSync(last).size, whole, 'the torn bytes are gone');
    assert.equal(reopened.pendingRecords, 10);
    reopened.append([secondRecord(11)]);
    assert.deepEqual(drain(reopened), [...records, secondRecord(11)]);
    reopened.close();
  });

  test('a segment that is nothing but a torn line opens empty', (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'seg-000000000001.jsonl'), '{"type":"sec');
    const { log, find } = captureLog();
    const spool = openSpool({ dir, log });
    assert.equal(find(40, 'torn last line').length, 1);
    assert.equal(spool.pendingRecords, 0);
    spool.append([eventRecord(1)]);
    assert.deepEqual(drain(spool), [eventRecord(1)]);
    spool.close();
  });

  test('a corrupt line in the middle is skipped, once, with a warning naming segment and offset', (t) => {
    const dir = tempDir(t);
    const good = [secondRecord(0), secondRecord(1), eventRecord(2), secondRecord(3)];
    const garbage = '{"type":"second","second":{"device":"band\u0000\u0000\u0000 oops\n';
    const badOffset = Buffer.byteLength(line(good[0]) + line(good[1]));
    writeFileSync(
      join(dir, 'seg-000000000001.jsonl'),
      [line(good[0]), line(good[1]), garbage, '\n', line(good[2]), '["not a record"]\n', line(good[3])].join(
        '',
      ),
    );
    const { log, find } = captureLog();
    const spool = openSpool({ dir, log });
    assert.equal(spool.pendingRecords, 7, 'lines, corrupt ones included');
    assert.deepEqual(spool.peek(100).records, good);
    assert.deepEqual(spool.peek(100).records, good, 'a retried peek sees the same');
    const warnings = find(40, 'not a record');
    assert.equal(warnings.length, 3, 'one warning per bad line (a blank one too), not per peek');
    assert.equal(warnings[0]!.segment, 'seg-000000000001.jsonl');
    assert.equal(warnings[0]!.offset, badOffset);
    assert.equal(spool.stats().corruptRecords, 3);
    assert.deepEqual(drain(spool), good);
    assert.equal(spool.pendingRecords, 0);
    spool.close();
  });

  test('an unreadable cursor replays every segment, with a warning', (t) => {
    const dir = tempDir(t);
    const records = Array.from({ length: 20 }, (_, i) => secondRecord(i));
    const spool = openSpool({ dir, log: captureLog().log });
    spool.append(records);
    spool.commit(spool.peek(5).token);
    spool.close();
    writeFileSync(join(dir, 'cursor.json'), '{"seq":1,"off');

    const { log, find } = captureLog();
    const reopened = openSpool({ dir, log });
    assert.equal(find(40, 'cursor unreadable').length, 1);
    assert.deepEqual(drain(reopened), records, 'at least once: the stores ignore repeats');
    reopened.close();
  });

  test('a crash between writing the cursor and deleting segments, or mid-rename, is harmless', (t) => {
    const dir = tempDir(t);
    const records = Array.from({ length: 40 }, (_, i) => secondRecord(i));
    const spool = openSpool({ dir, log: captureLog().log, segmentBytes: 1000 });
    for (const record of records) spool.append([record]);
    spool.close();
    const all = segments(dir);
    // The cursor of a commit that reached the third segment, with the older ones not yet deleted,
    // and the temporary file of a cursor write that never got renamed.
    writeFileSync(join(dir, 'cursor.json'), JSON.stringify({ seq: Number(all[2]!.slice(4, 16)), offset: 0 }));
    writeFileSync(join(dir, 'cursor.json.tmp'), '{"seq":');

    const reopened = openSpool({ dir, log: captureLog().log, segmentBytes: 1000 });
    assert.equal(segments(dir).length, all.length - 2, 'segments behind the cursor are deleted');
    assert.equal(existsSync(join(dir, 'cursor.json.tmp')), false);
    const rest = drain(reopened);
    assert.deepEqual(rest, records.slice(records.length - rest.length));
    reopened.close();
  });

  test('the cursor file is replaced whole', (t) => {
    const dir = tempDir(t);
    const spool = openSpool({ dir, log: captureLog().log });
    spool.append([secondRecord(1), secondRecord(2)]);
    spool.commit(spool.peek(1).token);
    const cursor = JSON.parse(readFileSync(join(dir, 'cursor.json'), 'utf8'));
    assert.deepEqual(cursor, { seq: 1, offset: Buffer.byteLength(line(secondRecord(1))) });
    spool.close();
  });
});
