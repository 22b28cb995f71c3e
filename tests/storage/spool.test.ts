import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { openSpool } from '../../storage/spool/index.ts';
import type { StoreRecord } from '../../storage/store.ts';
import {
  captureLog,
  countersRecord,
  drain,
  eventRecord,
  secondRecord,
  statusRecord,
  tempDir,
} from './fixtures/spool-records.ts';

const segmentFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('seg-'));

function mixed(n: number): StoreRecord[] {
  const make = [secondRecord, eventRecord, (i: number) => statusRecord(i), countersRecord];
  return Array.from({ length: n }, (_, i) => make[i % make.length]!(i));
}

describe('spool', () => {
  test('keeps order across segments, batch sizes and a reopen', (t) => {
    const dir = tempDir(t);
    const { log } = captureLog();
    const records = mixed(300);
    const spool = openSpool({ dir, log, segmentBytes: 2000 });
    for (let i = 0, size = 1; i < records.length; i += size, size = (size % 9) + 1) {
      spool.append(records.slice(i, i + size));
    }
    assert.equal(spool.pendingRecords, 300);
    spool.close();
    assert.ok(segmentFiles(dir).length > 10, 'the records span many segments');

    const reopened = openSpool({ dir, log, segmentBytes: 2000 });
    assert.equal(reopened.pendingRecords, 300);
    assert.deepEqual(drain(reopened, 7), records);
    assert.equal(reopened.pendingRecords, 0);
    assert.equal(reopened.stats().pendingBytes, 0);
    reopened.close();
  });

  test('peek leaves the records in place until commit, and a stale token is refused', (t) => {
    const spool = openSpool({ dir: tempDir(t), log: captureLog().log });
    spool.append(mixed(10));
    const first = spool.peek(4);
    const again = spool.peek(4);
    assert.deepEqual(again.records, first.records);
    spool.commit(first.token);
    assert.equal(spool.pendingRecords, 6);
    assert.throws(() => spool.commit(again.token), /stale token/);
    assert.deepEqual(spool.peek(100).records, mixed(10).slice(4));
    spool.close();
  });

  test('the cursor survives a reopen, mid-segment and across segments', (t) => {
    const dir = tempDir(t);
    const { log } = captureLog();
    const records = mixed(100);
    const spool = openSpool({ dir, log, segmentBytes: 3000 });
    spool.append(records.slice(0, 60));
    spool.commit(spool.peek(23).token);
    spool.close();

    const second = openSpool({ dir, log, segmentBytes: 3000 });
    assert.equal(second.pendingRecords, 37);
    second.append(records.slice(60));
    second.commit(second.peek(30).token);
    second.close();

    const third = openSpool({ dir, log, segmentBytes: 3000 });
    assert.equal(third.pendingRecords, 47);
    assert.deepEqual(drain(third), records.slice(53));
    third.close();
  });

  test('commit deletes the segments it has left behind', (t) => {
    const dir = tempDir(t);
    const spool = openSpool({ dir, log: captureLog().log, segmentBytes: 1000 });
    for (let i = 0; i < 50; i++) spool.append([secondRecord(i)]);
    const before = segmentFiles(dir).length;
    assert.ok(before >= 10);
    spool.commit(spool.peek(25).token);
    const middle = segmentFiles(dir).length;
    assert.ok(middle < before && middle > 1);
    drain(spool);
    assert.equal(segmentFiles(dir).length, 1, 'only the head segment is left');
    assert.equal(spool.stats().segments, 1);
    spool.close();
  });

  test('peek honours its byte budget but always returns at least one record', (t) => {
    const spool = openSpool({ dir: tempDir(t), log: captureLog().log });
    spool.append(mixed(20));
    assert.equal(spool.peek(100, 1).records.length, 1);
    const some = spool.peek(100, 1000).records.length;
    assert.ok(some > 1 && some < 20, `${some} records in 1000 bytes`);
    assert.equal(spool.peek(5).records.length, 5);
    spool.close();
  });

  test('an empty spool peeks nothing, and committing that is harmless', (t) => {
    const spool = openSpool({ dir: tempDir(t), log: captureLog().log });
    const empty = spool.peek(10);
    assert.deepEqual(empty.records, []);
    spool.commit(empty.token);
    assert.equal(spool.append([]), 0);
    spool.close();
    assert.throws(() => spool.append([secondRecord(1)]), /closed/);
  });

  test('with fsync, every append and every cursor write is synced, and nothing changes otherwise', (t) => {
    const dir = tempDir(t);
    const { log } = captureLog();
    const records = mixed(60);
    for (const fsyncEveryMs of [0, 20]) {
      const spool = openSpool({ dir, log, segmentBytes: 2000, fsyncEveryMs });
      for (const record of records) spool.append([record]);
      spool.commit(spool.peek(10).token);
      spool.close();
      const reopened = openSpool({ dir, log, segmentBytes: 2000, fsyncEveryMs });
      assert.deepEqual(drain(reopened), records.slice(10));
      reopened.close();
    }
  });
});
