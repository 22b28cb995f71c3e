import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addNights,
  isNightDate,
  isValidTimeZone,
  nightBounds,
  nightOf,
  nightsBetween,
  nightsOverlapping,
} from '../../storage/nights.ts';
import { QUARTER_MS } from '../../storage/store.ts';

const HOUR = 3_600_000;
const iso = (s: string) => Date.parse(s);
const hours = (b: { fromMs: number; toMs: number }) => (b.toMs - b.fromMs) / HOUR;

describe('nights far from UTC', () => {
  it('Pacific/Kiritimati (+14): the night of June 1 starts on May 31 in UTC', () => {
    const b = nightBounds('2025-06-01', 'Pacific/Kiritimati');
    assert.deepEqual(b, { fromMs: iso('2025-05-31T22:00:00Z'), toMs: iso('2025-06-01T22:00:00Z') });
    assert.equal(nightOf(iso('2025-05-31T22:00:00Z'), 'Pacific/Kiritimati'), '2025-06-01');
    assert.equal(nightOf(iso('2025-05-31T21:59:59.999Z'), 'Pacific/Kiritimati'), '2025-05-31');
    assert.equal(nightOf(iso('2025-06-01T12:00:00Z'), 'Pacific/Kiritimati'), '2025-06-01', '2 a.m. local');
  });

  it('Pacific/Pago_Pago (−11): the small hours of the night of June 1 fall on June 2 in UTC', () => {
    const b = nightBounds('2025-06-01', 'Pacific/Pago_Pago');
    assert.deepEqual(b, { fromMs: iso('2025-06-01T23:00:00Z'), toMs: iso('2025-06-02T23:00:00Z') });
    assert.equal(nightOf(iso('2025-06-02T14:00:00Z'), 'Pacific/Pago_Pago'), '2025-06-01', '3 a.m. local');
    assert.equal(nightOf(iso('2025-06-02T22:59:59.999Z'), 'Pacific/Pago_Pago'), '2025-06-01');
    assert.equal(nightOf(iso('2025-06-02T23:00:00Z'), 'Pacific/Pago_Pago'), '2025-06-02');
  });

  it('Asia/Kathmandu (+5:45): noon is 06:15 UTC, still a quarter-hour boundary', () => {
    const b = nightBounds('2025-06-01', 'Asia/Kathmandu');
    assert.deepEqual(b, { fromMs: iso('2025-06-01T06:15:00Z'), toMs: iso('2025-06-02T06:15:00Z') });
    assert.equal(b.fromMs % QUARTER_MS, 0);
    assert.equal(nightOf(iso('2025-06-01T06:14:59Z'), 'Asia/Kathmandu'), '2025-05-31');
  });

  it('UTC itself', () => {
    assert.deepEqual(nightBounds('2024-02-29', 'UTC'), {
      fromMs: iso('2024-02-29T12:00:00Z'),
      toMs: iso('2024-03-01T12:00:00Z'),
    });
  });
});

describe('nights across a daylight-saving change', () => {
  const table: Array<[string, string, number, string]> = [
    ['America/New_York', '2025-03-08', 23, '2025-03-08T17:00:00Z'],
    ['America/New_York', '2025-11-01', 25, '2025-11-01T16:00:00Z'],
    ['America/Los_Angeles', '2025-03-08', 23, '2025-03-08T20:00:00Z'],
    ['Europe/Berlin', '2025-03-29', 23, '2025-03-29T11:00:00Z'],
    ['Europe/Berlin', '2025-10-25', 25, '2025-10-25T10:00:00Z'],
    ['Europe/London', '2025-10-25', 25, '2025-10-25T11:00:00Z'],
    ['Australia/Lord_Howe', '2025-10-04', 23.5, '2025-10-04T01:30:00Z'],
  ];
  for (const [tz, date, length, from] of table) {
    it(`${tz} ${date}: ${length} hours from ${from}`, () => {
      const b = nightBounds(date, tz);
      assert.equal(b.fromMs, iso(from));
      assert.equal(hours(b), length);
      assert.equal(hours(nightBounds(addNights(date, -1), tz)), 24, 'the night before is 24 hours');
      assert.equal(hours(nightBounds(addNights(date, 1), tz)), 24, 'the night after is 24 hours');
    });
  }

  it('puts 3 a.m. on either side of the change in the right night', () => {
    // Europe/Berlin, 2025-10-26: 03:00 CEST happens once more as 02:00 CET.
    assert.equal(nightOf(iso('2025-10-26T00:30:00Z'), 'Europe/Berlin'), '2025-10-25');
    assert.equal(nightOf(iso('2025-10-26T01:30:00Z'), 'Europe/Berlin'), '2025-10-25');
    assert.equal(nightOf(iso('2025-10-26T10:59:59Z'), 'Europe/Berlin'), '2025-10-25');
    assert.equal(nightOf(iso('2025-10-26T11:00:00Z'), 'Europe/Berlin'), '2025-10-26');
  });
});

describe('nights, every one of a year', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'Pacific/Kiritimati',
  ];
  for (const tz of zones) {
    it(`${tz}: nights follow each other without gap or overlap, start on a quarter hour, and own their noon`, () => {
      let previous = nightBounds('2024-12-31', tz);
      for (const date of nightsBetween('2025-01-01', '2025-12-31')) {
        const b = nightBounds(date, tz);
        assert.equal(b.fromMs, previous.toMs, date);
        assert.equal(b.fromMs % QUARTER_MS, 0, date);
        assert.ok([23, 24, 25].includes(hours(b)), `${date}: ${hours(b)} h`);
        assert.equal(nightOf(b.fromMs, tz), date, 'an event at exactly noon opens the night');
        assert.equal(nightOf(b.toMs - 1, tz), date);
        previous = b;
      }
    });
  }
});

describe('night dates and time zones', () => {
  it('knows real time zones from the rest', () => {
    for (const tz of ['Europe/Berlin', 'UTC', 'Pacific/Kiritimati', 'America/Argentina/Buenos_Aires']) {
      assert.ok(isValidTimeZone(tz), tz);
    }
    for (const tz of ['', 'Mars/Olympus_Mons', 'Europe/Berlin ', 'not a zone'])
      assert.ok(!isValidTimeZone(tz), tz);
  });

  it('counts nights across months, years and a leap day', () => {
    assert.deepEqual(nightsBetween('2024-02-27', '2024-03-01'), [
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    assert.deepEqual(nightsBetween('2025-12-31', '2026-01-01'), ['2025-12-31', '2026-01-01']);
    assert.deepEqual(nightsBetween('2025-01-02', '2025-01-01'), []);
    assert.equal(addNights('2025-03-01', -1), '2025-02-28');
    assert.equal(addNights('2025-01-01', 89), '2025-03-31');
  });

  it('lists the nights a range of time touches', () => {
    const tz = 'Europe/Berlin';
    const n = nightBounds('2025-11-26', tz);
    assert.deepEqual(nightsOverlapping(n.fromMs, n.toMs, tz), ['2025-11-26']);
    assert.deepEqual(nightsOverlapping(n.fromMs - 1, n.toMs + 1, tz), [
      '2025-11-25',
      '2025-11-26',
      '2025-11-27',
    ]);
    assert.deepEqual(nightsOverlapping(n.fromMs, n.fromMs, tz), []);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-2-1', '2025-02-01T00:00', '', '20250201']) {
      assert.ok(!isNightDate(bad), bad);
      assert.throws(() => nightBounds(bad, 'UTC'), RangeError);
    }
    assert.ok(isNightDate('2024-02-29'));
  });
});
