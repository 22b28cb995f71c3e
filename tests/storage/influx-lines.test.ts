import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quarterOf, quarterRuns } from '../../storage/influx/coverage-rollup.ts';
import { ident, ms, str, tagIn } from '../../storage/influx/influxql.ts';
import { bucketWidthMs } from '../../storage/influx/read-timeline.ts';
import { recordLine, settingsLine } from '../../storage/influx/record-lines.ts';
import { QUARTER_MS } from '../../storage/store.ts';

const T0 = Date.UTC(2025, 10, 26, 22, 0, 0);

describe('InfluxDB line protocol of the records', () => {
  it('writes every number as a float, even an integral one, and leaves nulls out', () => {
    const line = recordLine({
      type: 'second',
      second: {
        device: 'band-7',
        t: T0 + 1234, // off the whole second: stored under its second
        envUv: 3,
        envMaxUv: 4.5,
        baselineUv: null,
        movementMg: 10,
        flexionDeg: null,
        observable: 0,
        plantarFlexed: true,
        posture: 'supine',
        quality: 'lead_off',
        humUv: 0,
      },
    });
    assert.equal(
      line,
      'signal,device=band-7 env_max_uv=4.5,env_uv=3,hum_uv=0,lead_off=1,movement_mg=10,observable=0,' +
        `plantar_flexed=1,posture="supine",quality="lead_off" ${T0 + 1000}`,
    );
    assert.doesNotMatch(line, /\di[,\s]/, 'no integer fields');
  });

  it('keeps the whole event as JSON and copies its numbers, never its reserved names', () => {
    const event = {
      id: 'band-7:cramp:1764205623400',
      device: 'band-7',
      kind: 'cramp',
      start: 1764205623400,
      end: null,
      late: false,
      peakUv: 412,
      note: 'a "quoted" \\ note',
      json: 5,
    };
    const line = recordLine({ type: 'event', event });
    assert.ok(line.startsWith('event,device=band-7,kind=cramp '), line);
    assert.match(line, / end_ms=-1,/);
    assert.match(line, /,late=F,/); // line protocol's short booleans
    assert.match(line, /,peakUv=412 1764205623400$/);
    const json = /json="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
    assert.deepEqual(JSON.parse(json!.replace(/\\(["\\])/g, '$1')), event);
  });

  it('escapes tag values and field keys (a kind with a space and a comma)', () => {
    const line = recordLine({
      type: 'counters',
      counters: { device: 'band-7', t: T0, counts: { 'gap ms,total': 3 } },
    });
    assert.match(line, /^counters,device=band-7 gap\\ ms\\,total=3,json="\{\\"gap ms,total\\":3\}" \d+$/);
  });

  it('marks status points as seen, full ones as full, and clears a setting with an empty string', () => {
    assert.equal(
      recordLine({ type: 'status', status: { device: 'b', t: 5, seenOnly: true, online: true } }),
      'status,device=b seen=T 5',
    );
    assert.equal(
      recordLine({ type: 'status', status: { device: 'b', t: 5, battery: 1, side: 'left' } }),
      'status,device=b battery=1,full=T,seen=T,side="left" 5',
    );
    assert.equal(
      settingsLine('b', { name: null, tz: 'Europe/Berlin' }, 9),
      'settings,device=b name="",tz="Europe/Berlin",updated=T 9',
    );
  });
});

describe('InfluxQL pieces', () => {
  it('quotes strings and identifiers so no value can change a statement', () => {
    assert.equal(str("it's \\ here"), "'it\\'s \\\\ here'");
    assert.equal(ident('we"ird'), '"we\\"ird"');
    assert.equal(tagIn('device', ['a']), `"device" = 'a'`);
    assert.equal(tagIn('device', ['a', 'b']), `("device" = 'a' OR "device" = 'b')`);
    const many = Array.from({ length: 9 }, (_, i) => `b.${i}`);
    assert.equal(
      tagIn('device', many),
      `"device" =~ /^(${many.map((d) => d.replace('.', '\\.')).join('|')})$/`,
    );
  });

  it('clamps time bounds to what InfluxDB can store', () => {
    assert.equal(ms(T0), `${T0}ms`);
    assert.equal(ms(Number.MAX_SAFE_INTEGER), '9223372036854ms');
    assert.equal(ms(Number.NEGATIVE_INFINITY), '-9223372036854ms');
  });

  it('sizes timeline buckets in whole seconds, never more than `points` of them', () => {
    assert.equal(bucketWidthMs(0, 86_400_000, 1000), 87_000);
    assert.equal(bucketWidthMs(0, 1_000_000, 3), 334_000);
    assert.equal(bucketWidthMs(0, 10_000, 1000), 1000);
    assert.throws(() => bucketWidthMs(0, 1000, 0), RangeError);
    assert.throws(() => bucketWidthMs(0, 1000, 1.5), RangeError);
  });

  it('merges quarters into contiguous runs', () => {
    assert.equal(quarterOf(T0 + QUARTER_MS - 1), T0);
    const q = (i: number) => T0 + i * QUARTER_MS;
    assert.deepEqual(quarterRuns([q(3), q(0), q(1), q(5)]), [
      [q(0), q(2)],
      [q(3), q(4)],
      [q(5), q(6)],
    ]);
  });
});
