import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeFrame, parseRecordingLine, toRecordingLine } from '../../protocol/index.ts';
import { assertAccepted, binaryFrame, jsonFrame, NOW, utf8 } from './fixtures.ts';

const TOPIC = 'crampwatch/v1/band-7/frame';

function parsed(text: string) {
  const r = parseRecordingLine(text);
  if (!r.ok) assert.fail(`expected a message, got: ${r.error}`);
  return r.value;
}

function failure(text: string): string {
  const r = parseRecordingLine(text);
  assert.equal(r.ok, false, `expected an error for ${text.slice(0, 60)}`);
  return r.ok ? '' : r.error;
}

describe('parseRecordingLine', () => {
  it('reads a JSON payload stored as the object', () => {
    const frame = jsonFrame();
    const msg = parsed(JSON.stringify({ topic: TOPIC, payload: frame }));
    assert.equal(msg.topic, TOPIC);
    assert.deepEqual(msg.json, frame);
    assert.deepEqual(JSON.parse(Buffer.from(msg.bytes).toString('utf8')), frame);
    assertAccepted(decodeFrame(msg.bytes, NOW));
  });

  it('reads a binary payload stored as base64, byte for byte', () => {
    const bytes = binaryFrame();
    const msg = parsed(
      JSON.stringify({ topic: TOPIC, payloadBase64: Buffer.from(bytes).toString('base64') }),
    );
    assert.deepEqual(new Uint8Array(msg.bytes), bytes);
    assert.equal(msg.json, undefined);
    assertAccepted(decodeFrame(msg.bytes, NOW));
  });

  it('reads an empty base64 payload as zero bytes', () => {
    assert.equal(parsed('{"topic":"t","payloadBase64":""}').bytes.length, 0);
  });

  for (const b64 of ['abc', 'ab$=', '====', 'A===', 'TEIB\nAQ==', 'TEI=AQ==', 'TE B']) {
    it(`rejects payloadBase64 ${JSON.stringify(b64)}`, () => {
      assert.match(failure(JSON.stringify({ topic: TOPIC, payloadBase64: b64 })), /base64/);
    });
  }

  for (const [name, line] of [
    ['a missing topic', { payload: { v: 1 } }],
    ['a numeric topic', { topic: 7, payload: { v: 1 } }],
    ['a null topic', { topic: null, payloadBase64: 'TEI=' }],
  ] as const) {
    it(`rejects ${name}`, () => assert.match(failure(JSON.stringify(line)), /topic/));
  }

  it('rejects a line with neither payload field', () => {
    assert.match(failure(JSON.stringify({ topic: TOPIC })), /neither "payload" nor "payloadBase64"/);
    assert.match(failure(JSON.stringify({ topic: TOPIC, payloadBase64: 7 })), /neither/);
  });

  it('rejects a line that is not JSON, or not an object', () => {
    assert.match(failure('{"topic":'), /not a JSON line/);
    assert.match(failure(''), /not a JSON line/);
    assert.match(failure('[1]'), /not a JSON object/);
    assert.match(failure('null'), /not a JSON object/);
  });

  it('never throws on a payload nested too deeply to re-encode', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.match(failure(`{"topic":"t","payload":${deep}}`), /payload/);
  });
});

describe('toRecordingLine', () => {
  it('stores a binary payload as base64 and reads it back', () => {
    const bytes = binaryFrame();
    const line = toRecordingLine(TOPIC, bytes);
    assert.equal(JSON.parse(line).payloadBase64, Buffer.from(bytes).toString('base64'));
    assert.deepEqual(new Uint8Array(parsed(line).bytes), bytes);
  });

  it('stores a JSON payload as the object and reads it back', () => {
    const text = JSON.stringify(jsonFrame());
    const line = toRecordingLine(TOPIC, text);
    assert.deepEqual(JSON.parse(line), { topic: TOPIC, payload: jsonFrame() });
    assert.deepEqual(parsed(line).json, jsonFrame());
  });

  it('keeps a pretty-printed JSON payload on one line', () => {
    const line = toRecordingLine(TOPIC, JSON.stringify(jsonFrame(), null, 2));
    assert.doesNotMatch(line, /[\r\n]/);
    assert.deepEqual(parsed(line).json, jsonFrame());
  });

  it('stores text that is not JSON as base64, so the line stays valid and the bytes survive', () => {
    for (const text of ['{"v":1', 'hello\nworld', '']) {
      const line = toRecordingLine(TOPIC, text);
      assert.doesNotMatch(line, /[\r\n]/);
      assert.deepEqual(new Uint8Array(parsed(line).bytes), utf8(text));
    }
  });

  it('escapes the topic', () => {
    const topic = 'a"b\\c\nd';
    assert.equal(parsed(toRecordingLine(topic, Uint8Array.of(1))).topic, topic);
    assert.equal(parsed(toRecordingLine(topic, '{}')).topic, topic);
  });
});
