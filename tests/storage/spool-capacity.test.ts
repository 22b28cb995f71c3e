import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDroppable, openSpool, SpoolFullError } from '../../storage/spool/index.ts';
import {
  captureLog,
  countersRecord,
  drain,
  eventRecord,
  lineBytes,
  secondRecord,
  statusRecord,
  tempDir,
} from './fixtures/spool-records.ts';

// Every second record of these tests has the same length, so limits are exact multiples.
const SECOND_BYTES = lineBytes(secondRecord(0));
const seconds = (from: number, n: number) => Array.from({ length: n }, (_, i) => secondRecord(from + i));

describe('spool capacity', () => {
  test('warns once when it passes 80 %, and says when it is back below', (t) => {
    const { log, find } = captureLog();
    const spool = openSpool({ dir: tempDir(t), log, maxBytes: 100 * SECOND_BYTES });
    spool.append(seconds(0, 79));
    assert.equal(spool.stats().warning, false);
    assert.equal(find(40, 'full').length, 0);
    spool.append(seconds(79, 1));
    assert.equal(spool.stats().warning, true);
    assert.equal(spool.stats().fraction, 0.8);
    spool.append(seconds(80, 10));
    const warnings = find(40, '% full');
    assert.equal(warnings.length, 1, 'once, not per append');
    assert.match(warnings[0]!.msg, /spool 80% full/);

    spool.commit(spool.peek(6).token); // 84 left: still above the warning's hysteresis
    assert.equal(spool.stats().warning, true);
    spool.commit(spool.peek(20).token); // 64 left
    assert.equal(spool.stats().warning, false);
    assert.equal(find(30, 'back below').length, 1);
    spool.close();
  });

  test('when full, drops per-second records (counted) and keeps events and status in the reserve', (t) => {
    const { log, find } = captureLog();
    const maxBytes = 100 * SECOND_BYTES;
    const spool = openSpool({ dir: tempDir(t), log, maxBytes, reserveFraction: 0.05 });
    assert.equal(spool.append(seconds(0, 100)), 100);
    const kept = [eventRecord(100), statusRecord(101)];
    const batch = [secondRecord(100), kept[0]!, countersRecord(100), statusRecord(101, true), kept[1]!];
    assert.equal(spool.append(batch), 2);
    const stats = spool.stats();
    assert.equal(stats.droppedRecords, 3);
    assert.equal(stats.dropping, true);
    assert.ok(stats.fraction > 1 && stats.fraction <= 1.05);
    assert.equal(spool.append(seconds(200, 5)), 0);
    assert.equal(spool.stats().droppedRecords, 8);
    assert.equal(find(50, 'dropping per-second').length, 1, 'logged once per episode');
    assert.deepEqual(drain(spool).slice(100), kept);
    spool.close();
  });

  test('refuses a batch with SpoolFullError, writing none of it, once the reserve is full too', (t) => {
    const { log, find } = captureLog();
    const maxBytes = 100 * SECOND_BYTES;
    const spool = openSpool({ dir: tempDir(t), log, maxBytes, reserveFraction: 0.05 });
    spool.append(seconds(0, 100));
    let events = 0;
    for (;;) {
      try {
        spool.append([eventRecord(1000 + events)]);
        events++;
      } catch (err) {
        assert.ok(err instanceof SpoolFullError);
        assert.equal(err.code, 'CRAMPWATCH_SPOOL_FULL');
        break;
      }
    }
    assert.ok(events > 0, 'the reserve took some events first');
    const before = spool.stats();
    assert.ok(before.pendingBytes <= maxBytes * 1.05);
    assert.throws(() => spool.append([secondRecord(5000), eventRecord(5000)]), SpoolFullError);
    assert.equal(spool.stats().pendingBytes, before.pendingBytes, 'nothing of the batch was written');
    assert.equal(spool.stats().pendingRecords, before.pendingRecords);
    assert.equal(find(50, 'reserve exhausted').length, 1);

    spool.commit(spool.peek(50).token);
    spool.append([eventRecord(6000)]);
    spool.close();
  });

  test('what may be dropped', () => {
    assert.equal(isDroppable(secondRecord(1)), true);
    assert.equal(isDroppable(countersRecord(1)), true);
    assert.equal(isDroppable(statusRecord(1, true)), true);
    assert.equal(isDroppable(statusRecord(1)), false);
    assert.equal(isDroppable(eventRecord(1)), false);
  });

  test('a reopened spool knows how full it is', (t) => {
    const dir = tempDir(t);
    const spool = openSpool({ dir, log: captureLog().log, maxBytes: 100 * SECOND_BYTES });
    spool.append(seconds(0, 90));
    spool.close();
    const { log, find } = captureLog();
    const reopened = openSpool({ dir, log, maxBytes: 100 * SECOND_BYTES });
    assert.equal(reopened.stats().pendingBytes, 90 * SECOND_BYTES);
    assert.equal(reopened.stats().warning, true);
    assert.equal(find(40, '% full').length, 1);
    reopened.close();
  });
});
