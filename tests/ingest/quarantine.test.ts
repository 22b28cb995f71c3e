import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Quarantine } from '../../ingest/index.ts';
import type { Rejection } from '../../protocol/index.ts';

const AT = 1_764_201_600_000;
const TOPIC = 'crampwatch/v1/band-1/frame';
const REASON: Rejection = { code: 'encoding-unknown', message: 'the payload starts with bytes ff' };
const text = (s: string) => new TextEncoder().encode(s);

describe('Quarantine: a bounded ring', () => {
  it('keeps what it is given, with topic, time and reason', () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 100 });
    q.add(AT, TOPIC, text('{"v":2}'), REASON);
    assert.deepEqual(q.list(), [
      {
        at: AT,
        topic: TOPIC,
        payload: '{"v":2}',
        payloadEncoding: 'utf8',
        payloadBytes: 7,
        truncated: false,
        reason: REASON,
      },
    ]);
    assert.equal(q.size, 1);
    assert.equal(q.total, 1);
  });

  it('lists newest first, before and after it fills up', () => {
    const q = new Quarantine({ capacity: 3, maxPayloadBytes: 100 });
    const payloads = () => q.list().map((m) => m.payload);
    q.add(AT, TOPIC, text('1'), REASON);
    q.add(AT + 1, TOPIC, text('2'), REASON);
    assert.deepEqual(payloads(), ['2', '1']);
    q.add(AT + 2, TOPIC, text('3'), REASON);
    assert.deepEqual(payloads(), ['3', '2', '1']);
    for (let i = 4; i <= 8; i++) {
      q.add(AT + i, TOPIC, text(String(i)), REASON);
      assert.deepEqual(payloads(), [String(i), String(i - 1), String(i - 2)]);
    }
    assert.deepEqual(
      q.list().map((m) => m.at),
      [AT + 8, AT + 7, AT + 6],
    );
    assert.deepEqual(
      q.list(2).map((m) => m.payload),
      ['8', '7'],
    );
  });

  it('holds at most `capacity` messages however many come, and counts them all in total', () => {
    const q = new Quarantine({ capacity: 50, maxPayloadBytes: 64 });
    const big = new Uint8Array(100_000).fill(0x41);
    for (let i = 0; i < 10_000; i++) q.add(AT + i, TOPIC, big, REASON);
    assert.equal(q.size, 50);
    assert.equal(q.list().length, 50);
    assert.equal(q.total, 10_000);
    assert.ok(q.list().every((m) => m.payload.length === 64 && m.truncated && m.payloadBytes === 100_000));
    assert.equal(q.list()[0]?.at, AT + 9_999);
  });
});

describe('Quarantine: payloads', () => {
  it('cuts a long payload to maxPayloadBytes and keeps its original size', () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 8 });
    q.add(AT, TOPIC, text('abcdefghijkl'), REASON);
    q.add(AT, TOPIC, text('abcdefgh'), REASON);
    const [exact, cut] = q.list();
    assert.deepEqual(
      { payload: cut?.payload, truncated: cut?.truncated, payloadBytes: cut?.payloadBytes },
      { payload: 'abcdefgh', truncated: true, payloadBytes: 12 },
    );
    assert.deepEqual(
      { payload: exact?.payload, truncated: exact?.truncated, payloadBytes: exact?.payloadBytes },
      { payload: 'abcdefgh', truncated: false, payloadBytes: 8 },
    );
  });

  it('keeps binary payloads as base64, cut too', () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 4 });
    q.add(AT, TOPIC, Uint8Array.of(0xff, 0x00, 0x4c), REASON);
    q.add(AT, TOPIC, Uint8Array.of(0x4c, 0x42, 0x01, 0xfe, 0x80, 0x81), REASON);
    const [cut, whole] = q.list();
    assert.deepEqual(
      { payload: whole?.payload, enc: whole?.payloadEncoding, truncated: whole?.truncated },
      { payload: '/wBM', enc: 'base64', truncated: false },
    );
    assert.deepEqual(
      {
        payload: cut?.payload,
        enc: cut?.payloadEncoding,
        truncated: cut?.truncated,
        bytes: cut?.payloadBytes,
      },
      {
        payload: Buffer.from([0x4c, 0x42, 0x01, 0xfe]).toString('base64'),
        enc: 'base64',
        truncated: true,
        bytes: 6,
      },
    );
  });

  it('keeps text as UTF-8, also when the cut falls inside a character', () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 8 });
    q.add(AT, TOPIC, text('{"a":"xü"}'), REASON); // the cut leaves 1 of ü's 2 bytes
    q.add(AT, TOPIC, text('{"a":"€…"}'), REASON); // the cut leaves 2 of €'s 3 bytes
    const [euro, umlaut] = q.list();
    assert.deepEqual(
      { payload: umlaut?.payload, enc: umlaut?.payloadEncoding, truncated: umlaut?.truncated },
      { payload: '{"a":"x', enc: 'utf8', truncated: true },
    );
    assert.deepEqual(
      { payload: euro?.payload, enc: euro?.payloadEncoding, truncated: euro?.truncated },
      { payload: '{"a":"', enc: 'utf8', truncated: true },
    );
  });

  it('does not take invalid UTF-8 for text when nothing was cut', () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 100 });
    q.add(AT, TOPIC, Uint8Array.of(0x7b, 0x22, 0xc3), REASON);
    assert.equal(q.list()[0]?.payloadEncoding, 'base64');
  });

  it("keeps a copy, not a view of the caller's buffer", () => {
    const q = new Quarantine({ capacity: 10, maxPayloadBytes: 100 });
    const payload = text('abc');
    q.add(AT, TOPIC, payload, REASON);
    payload.fill(0x7a);
    assert.equal(q.list()[0]?.payload, 'abc');
  });
});
