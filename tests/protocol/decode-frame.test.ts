import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeFrame, frameFromJson, parseJson, payloadEncoding } from '../../protocol/index.ts';
import { assertAccepted, assertRejected, binaryFrame, jsonFrame, NOW, utf8 } from './fixtures.ts';

const frameText = JSON.stringify(jsonFrame());

describe('payloadEncoding', () => {
  it('tells binary by the "LB" magic', () => {
    assert.equal(payloadEncoding(binaryFrame()), 'binary');
    assert.equal(payloadEncoding(Uint8Array.of(0x4c, 0x42)), 'binary');
    assert.equal(payloadEncoding(utf8('LB{')), 'binary');
  });

  it('tells JSON by the first non-space byte being "{"', () => {
    assert.equal(payloadEncoding(utf8('{')), 'json');
    assert.equal(payloadEncoding(utf8(' \t\r\n {"v":1}')), 'json');
  });

  for (const [name, bytes] of [
    ['empty', new Uint8Array(0)],
    ['only whitespace', utf8(' \n\t ')],
    ['"L" alone', utf8('L')],
    ['"LC"', utf8('LC....')],
    ['lowercase "lb"', utf8('lb')],
    ['a JSON array', utf8('[{"v":1}]')],
    ['JSON null', utf8('null')],
    ['a byte-order mark before "{"', Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d)],
    ['a form feed before "{"', utf8('\f{}')],
    ['"BL" (magic bytes swapped)', utf8('BL')],
  ] as const) {
    it(`finds no encoding in ${name}`, () => assert.equal(payloadEncoding(bytes), undefined));
  }
});

describe('decodeFrame: encoding and JSON syntax', () => {
  it('decodes JSON after leading whitespace', () => {
    assertAccepted(decodeFrame(utf8(`\r\n\t  ${frameText}`), NOW));
  });

  it('decodes a binary frame', () => {
    assertAccepted(decodeFrame(binaryFrame(), NOW));
  });

  it('rejects an empty payload as encoding-unknown, saying it is empty', () => {
    assertRejected(decodeFrame(new Uint8Array(0), NOW), 'encoding-unknown', 'empty');
  });

  it('rejects other leading bytes as encoding-unknown, showing them in hex', () => {
    assertRejected(decodeFrame(utf8('[1,2]'), NOW), 'encoding-unknown', '5b 31 2c 32');
    assertRejected(decodeFrame(utf8('null'), NOW), 'encoding-unknown', '6e 75 6c 6c');
    assertRejected(decodeFrame(Uint8Array.of(0x4c), NOW), 'encoding-unknown', '4c');
  });

  it('rejects invalid UTF-8 in a JSON payload as json-syntax', () => {
    const bytes = Uint8Array.of(...utf8('{"v":1,"x":"'), 0xff, 0xfe, ...utf8('"}'));
    assertRejected(decodeFrame(bytes, NOW), 'json-syntax');
  });

  it('rejects a lone surrogate half encoded in UTF-8 (CESU) as json-syntax', () => {
    const bytes = Uint8Array.of(...utf8('{"x":"'), 0xed, 0xa0, 0x80, ...utf8('"}'));
    assertRejected(decodeFrame(bytes, NOW), 'json-syntax');
  });

  for (const text of [
    '{',
    '{"v":1,}',
    '{"v":1} x',
    "{'v':1}",
    '{"v":NaN}',
    '{"v":01}',
    frameText.slice(0, -1),
  ]) {
    it(`rejects malformed JSON ${JSON.stringify(text.slice(0, 20))} as json-syntax`, () => {
      const r = decodeFrame(utf8(text), NOW);
      assertRejected(r, 'json-syntax');
      assert.ok(!r.ok && r.error.message.length > 0);
    });
  }

  it('parseJson returns the parsed value or a json-syntax rejection', () => {
    assert.deepEqual(parseJson(utf8(' [1, {"a": null}] ')), { ok: true, value: [1, { a: null }] });
    assertRejected(parseJson(utf8('')), 'json-syntax');
  });
});

describe('frameFromJson: not an object', () => {
  for (const [value, shown] of [
    [null, 'null'],
    [[], 'an array of 0'],
    [[jsonFrame()], 'an array of 1'],
    [42, '42'],
    ['{"v":1}', '"{\\"v\\":1}"'],
    [true, 'true'],
    [undefined, 'missing'],
  ] as const) {
    it(`rejects ${shown}`, () => assertRejected(frameFromJson(value, NOW), 'json-not-object', shown));
  }

  it('clips a long string in the message', () => {
    const r = frameFromJson('x'.repeat(10_000));
    assertRejected(r, 'json-not-object');
    assert.ok(!r.ok && r.error.message.length < 100);
  });
});
