import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeStatus, encodeStatus, OFFLINE_STATUS, statusFromJson } from '../../protocol/index.ts';
import { assertAccepted, assertRejected, jsonBytes, utf8 } from './fixtures.ts';

const full = {
  v: 1,
  online: true,
  t: 1_764_201_600_000,
  battery: 0.83,
  fw: '2.1.0',
  side: 'left',
  leadOff: false,
};
const decode = (value: unknown) => decodeStatus(jsonBytes(value));

describe('status: accepted', () => {
  it('decodes every known field', () => {
    assert.deepEqual(assertAccepted(decode(full)), full);
  });

  it('accepts the last will, {"v":1,"online":false}', () => {
    assert.deepEqual(assertAccepted(decodeStatus(utf8('{"v":1,"online":false}'))), { v: 1, online: false });
    assert.deepEqual(assertAccepted(decodeStatus(utf8(encodeStatus(OFFLINE_STATUS)))), OFFLINE_STATUS);
  });

  it('leaves missing optional fields out (unknown), not defaulted', () => {
    const s = assertAccepted(decode({ v: 1, online: true }));
    assert.deepEqual(Object.keys(s).sort(), ['online', 'v']);
  });

  it('ignores unknown fields and does not copy them', () => {
    const s = assertAccepted(decode({ ...full, rssi: -60, nested: { a: [1] }, side2: 'up' }));
    assert.deepEqual(s, full);
  });

  it('accepts battery 0 and 1, side right, leadOff true, an empty fw', () => {
    assert.equal(assertAccepted(decode({ v: 1, online: true, battery: 0 })).battery, 0);
    assert.equal(assertAccepted(decode({ v: 1, online: true, battery: 1 })).battery, 1);
    assert.equal(assertAccepted(decode({ v: 1, online: true, side: 'right' })).side, 'right');
    assert.equal(assertAccepted(decode({ v: 1, online: true, leadOff: true })).leadOff, true);
    assert.equal(assertAccepted(decode({ v: 1, online: true, fw: '' })).fw, '');
  });

  it('round-trips encodeStatus', () => {
    assert.deepEqual(assertAccepted(decodeStatus(utf8(encodeStatus(full as never)))), full);
  });

  it('accepts leading whitespace', () => {
    assertAccepted(decodeStatus(utf8('\n  {"v":1,"online":true}')));
  });
});

describe('status: rejected', () => {
  for (const [v, shown] of [
    [undefined, 'missing'],
    [2, '2'],
    ['1', '"1"'],
  ] as const) {
    it(`rejects v ${shown}`, () => assertRejected(decode({ ...full, v }), 'version-unsupported', shown));
  }

  const bad: [string, unknown, string][] = [
    ['online', undefined, 'missing'],
    ['online', 'true', '"true"'],
    ['online', 1, '1'],
    ['online', null, 'null'],
    ['battery', -0.01, '-0.01'],
    ['battery', 1.01, '1.01'],
    ['battery', '0.5', '"0.5"'],
    ['battery', null, 'null'],
    ['side', 'up', '"up"'],
    ['side', 'LEFT', '"LEFT"'],
    ['side', null, 'null'],
    ['leadOff', 'false', '"false"'],
    ['leadOff', 0, '0'],
    ['fw', 210, '210'],
    ['fw', null, 'null'],
    ['t', -1, '-1'],
    ['t', 1.5, '1.5'],
    ['t', '2025-11-27', '"2025-11-27"'],
  ];
  for (const [field, value, shown] of bad) {
    it(`rejects ${field} ${shown}`, () => {
      const status: Record<string, unknown> = { ...full, [field]: value };
      if (value === undefined) delete status[field];
      assertRejected(decode(status), 'status-invalid', field, shown);
    });
  }

  for (const [text, shown] of [
    ['[]', 'an array of 0'],
    ['null', 'null'],
    ['"online"', '"online"'],
    ['7', '7'],
  ] as const) {
    it(`rejects ${text} as json-not-object`, () =>
      assertRejected(decodeStatus(utf8(text)), 'json-not-object', shown));
  }

  it('rejects malformed JSON and invalid UTF-8 as json-syntax', () => {
    assertRejected(decodeStatus(utf8('{"v":1,')), 'json-syntax');
    assertRejected(decodeStatus(Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d)), 'json-syntax');
    assertRejected(decodeStatus(new Uint8Array(0)), 'json-syntax');
  });

  it('statusFromJson takes an already parsed value', () => {
    assertRejected(statusFromJson(undefined), 'json-not-object', 'missing');
    assertAccepted(statusFromJson({ v: 1, online: false }));
  });
});
