import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NightResponse } from '../../dashboard/src/api/types.ts';
import { bucketsCsv, csvField, eventsCsv, exportName } from '../../dashboard/src/night/night-export.ts';
import { bucket, event } from './fixtures.ts';

const night: NightResponse = {
  device: 'band-1',
  tz: 'Europe/Paris',
  date: '2026-11-25',
  fromMs: 0,
  toMs: 86_400_000,
  summary: null,
  buckets: [bucket(0), bucket(60_000, { flexionDeg: null })],
  events: [
    event('cramp', 1000, 31_000, { peakUv: 412.5, confidence: 0.9 }),
    event('plm', 5000, null, { movements: 5, note: 'a "quoted", text' }),
  ],
};

test('fields are quoted only when they must be (RFC 4180)', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(null), '');
  assert.equal(csvField(0), '0');
});

test('the timeline CSV has one line per bucket; an unobservable angle is empty', () => {
  const lines = bucketsCsv(night).trimEnd().split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^t_ms,t_utc,seconds,env_min_uv,/);
  assert.equal(lines[1], '0,1970-01-01T00:00:00.000Z,60,2,4,9,0,12,1,3,5,0,0');
  assert.equal(lines[2], '60000,1970-01-01T00:01:00.000Z,60,2,4,9,0,12,,,,0,0');
});

test('the events CSV keeps every field of every event, known or not', () => {
  const lines = eventsCsv(night).trimEnd().split('\r\n');
  assert.equal(
    lines[0],
    'id,device,kind,start,end,late,start_utc,end_utc,duration_s,peakUv,confidence,movements,note',
  );
  assert.equal(
    lines[1],
    'band-1:cramp:1000,band-1,cramp,1000,31000,false,1970-01-01T00:00:01.000Z,1970-01-01T00:00:31.000Z,30,412.5,0.9,,',
  );
  assert.equal(
    lines[2],
    'band-1:plm:5000,band-1,plm,5000,,false,1970-01-01T00:00:05.000Z,,,,,5,"a ""quoted"", text"',
  );
});

test('export names say what, which band and which night', () => {
  assert.equal(
    exportName({ device: 'band/1', date: '2026-11-25' }, 'events', 'csv'),
    'crampwatch-band_1-2026-11-25-events.csv',
  );
});
