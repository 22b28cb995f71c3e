/**
 * Fuzzing the decoders: whatever arrives, they return a value or a catalogued rejection with a
 * message, never throw, and whatever they accept satisfies every rule of the spec (checked here
 * by an oracle written independently of `frame-rules.ts`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Decoded, Frame } from '../../protocol/index.ts';
import {
  decodeFrame,
  decodeStatus,
  encodeBinaryFrame,
  encodeJsonFrame,
  frameFromJson,
  frameToJson,
  parseBandTopic,
  parseRecordingLine,
  statusFromJson,
} from '../../protocol/index.ts';
import { frameArb, u32Arb } from './arbitraries.ts';
import { assertRejected, assertWellFormed, NOW, utf8 } from './fixtures.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

function assertSpecFrame(f: Frame): void {
  const isU32 = (x: number) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
  assert.equal(f.v, 1);
  assert.ok(isU32(f.boot) && isU32(f.seq), 'boot/seq u32');
  assert.ok(Number.isSafeInteger(f.t0) && f.t0 >= 0, 't0');
  assert.ok(Number.isInteger(f.emg.hz) && f.emg.hz >= 250 && f.emg.hz <= 4000, 'emg.hz');
  assert.ok(f.emg.uv instanceof Float32Array && f.emg.uv.every(Number.isFinite), 'emg.uv finite');
  const spanMs = (1000 * f.emg.uv.length) / f.emg.hz;
  assert.ok(spanMs >= 40 - 1e-6 && spanMs <= 5000 + 1e-6, `span ${spanMs}`);
  for (const s of f.foot ? [f.shank, f.foot] : [f.shank]) {
    assert.ok(Number.isInteger(s.hz) && s.hz >= 10 && s.hz <= 200, 'accel hz');
    assert.ok(s.mg instanceof Float32Array && s.mg.every(Number.isFinite), 'mg finite');
    assert.equal(s.mg.length % 3, 0);
    const accelMs = (1000 * s.mg.length) / 3 / s.hz;
    assert.ok(Math.abs(accelMs - spanMs) <= 1000 / s.hz + 1e-6, 'span match');
  }
}

/** The never-throw contract, plus the spec oracle for whatever is accepted. */
function check(result: Decoded<Frame>): void {
  assertWellFormed(result);
  if (result.ok) assertSpecFrame(result.value);
}

describe('fuzz: random input', () => {
  it('random bytes', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      // Past the magic and version, to reach the binary header checks.
      fc.uint8Array({ maxLength: 600 }).map((b) => Uint8Array.of(0x4c, 0x42, 0x01, ...b)),
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.of(0x20, 0x7b, ...b)),
    );
    fc.assert(
      fc.property(bytes, fc.option(fc.maxSafeNat(), { nil: undefined }), (b, now) => {
        check(decodeFrame(b, now));
        assertWellFormed(decodeStatus(b));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        check(frameFromJson(value, NOW));
        check(decodeFrame(utf8(JSON.stringify(value) ?? ''), NOW));
        assertWellFormed(statusFromJson(value));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('random objects shaped like frames and statuses', () => {
    const or = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.jsonValue());
    const num = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double({ noNaN: true }));
    const stream = (hz: fc.Arbitrary<number>) =>
      fc.record({ hz: or(hz), uv: or(fc.array(num)), mg: or(fc.array(num, { maxLength: 60 })) });
    const frameLike = fc.record(
      {
        v: or(fc.constant(1)),
        boot: or(u32Arb),
        seq: or(u32Arb),
        t0: or(fc.maxSafeNat()),
        emg: or(stream(fc.integer({ min: 240, max: 4010 }))),
        shank: or(stream(fc.integer({ min: 5, max: 210 }))),
        foot: or(stream(fc.integer({ min: 5, max: 210 }))),
      },
      { requiredKeys: [] },
    );
    const statusLike = fc.record(
      {
        v: or(fc.constant(1)),
        online: or(fc.boolean()),
        t: or(fc.maxSafeNat()),
        battery: or(fc.double()),
        fw: fc.jsonValue(),
        side: or(fc.constantFrom('left', 'right')),
        leadOff: or(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(frameLike, statusLike, (f, s) => {
        check(frameFromJson(f, NOW));
        check(decodeFrame(utf8(JSON.stringify(f)), NOW));
        assertWellFormed(statusFromJson(s));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('random topics and recording lines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.jsonValue(), (s, json) => {
        assertWellFormed(parseBandTopic('crampwatch/v1', s));
        assertWellFormed(parseBandTopic('crampwatch/v1', `crampwatch/v1/${s}`));
        for (const line of [
          s,
          JSON.stringify({ topic: s, payload: json }),
          `{"topic":"t","payloadBase64":${JSON.stringify(s)}}`,
        ]) {
          const r = parseRecordingLine(line);
          assert.ok(r.ok || r.error.length > 0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: mutated valid binary payloads', () => {
  const payload = frameArb({ binary: true }).map((f) => encodeBinaryFrame(f));

  it('a bit flip is caught by the rule it breaks, or is still a valid frame', () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.integer({ min: 0, max: 7 }), (bytes, at, bit) => {
        const i = at % bytes.length;
        const mutated = bytes.slice();
        mutated[i] = (mutated[i] ?? 0) ^ (1 << bit);
        const r = decodeFrame(mutated, undefined);
        check(r);
        // Magic, version and flags are checked; every i16 sample value is legal.
        if (i < 2) assertRejected(r, 'encoding-unknown');
        else if (i === 2) assertRejected(r, 'version-unsupported');
        else if (i === 3 && bit !== 0) assertRejected(r, 'binary-flags-reserved');
        else if (i === 3) {
          // The foot flag: the length no longer fits, unless there are no accelerometer samples.
          const accelSamples = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
          if (accelSamples === 0) assert.ok(r.ok, 'a frame without accelerometer samples needs no foot');
          else assertRejected(r, 'binary-length-mismatch');
        } else if (i >= 32) assert.ok(r.ok, `flip in sample data at ${i} rejected`);
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes written over the header never throw', () => {
    fc.assert(
      fc.property(payload, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat(31), (bytes, junk, at) => {
        const mutated = bytes.slice();
        mutated.set(junk.subarray(0, Math.max(0, 32 - at)), at);
        check(decodeFrame(mutated, NOW));
      }),
      { numRuns: RUNS },
    );
  });

  it('truncation is always rejected', () => {
    fc.assert(
      fc.property(payload, fc.nat(), (bytes, cut) => {
        const k = cut % bytes.length;
        const r = decodeFrame(bytes.subarray(0, k));
        if (k < 2) assertRejected(r, 'encoding-unknown');
        else if (k < 32) assertRejected(r, 'binary-header-truncated', `${k} bytes`);
        else assertRejected(r, 'binary-length-mismatch', `${k} bytes`);
      }),
      { numRuns: RUNS / 3 },
    );
  });

  it('appended bytes are always rejected', () => {
    fc.assert(
      fc.property(payload, fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes, tail) => {
        const longer = new Uint8Array(bytes.length + tail.length);
        longer.set(bytes);
        longer.set(tail, bytes.length);
        assertRejected(decodeFrame(longer), 'binary-length-mismatch', `${longer.length} bytes`);
      }),
      { numRuns: RUNS / 3 },
    );
  });
});

describe('fuzz: mutated valid JSON payloads', () => {
  const PATHS = [
    ['v'],
    ['boot'],
    ['seq'],
    ['t0'],
    ['emg'],
    ['emg', 'hz'],
    ['emg', 'uv'],
    ['emg', 'uv', 0],
    ['shank'],
    ['shank', 'hz'],
    ['shank', 'mg'],
    ['shank', 'mg', 1],
    ['foot'],
    ['foot', 'hz'],
    ['foot', 'mg'],
  ] as const;
  const REQUIRED = new Set([
    'v',
    'boot',
    'seq',
    't0',
    'emg',
    'emg.hz',
    'emg.uv',
    'shank',
    'shank.hz',
    'shank.mg',
  ]);

  it('deleting or replacing a field with random JSON', () => {
    fc.assert(
      fc.property(
        frameArb(),
        fc.constantFrom(...PATHS),
        fc.option(fc.jsonValue(), { nil: undefined }),
        (frame, path, replacement) => {
          const json = structuredClone(frameToJson(frame)) as Record<string | number, unknown>;
          let parent: Record<string | number, unknown> | undefined = json;
          for (const key of path.slice(0, -1)) parent = parent?.[key] as typeof parent;
          const key = path[path.length - 1] ?? 'v';
          if (parent === undefined || typeof parent !== 'object' || !(key in parent)) return;
          if (replacement === undefined) {
            if (Array.isArray(parent)) parent.splice(Number(key), 1);
            else delete parent[key];
          } else {
            parent[key] = replacement;
          }
          const r = decodeFrame(utf8(JSON.stringify(json)), undefined);
          check(r);
          if (replacement === undefined && REQUIRED.has(path.join('.'))) {
            assert.equal(r.ok, false, `accepted without ${path.join('.')}`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('bit flips, truncation and appended bytes in the text', () => {
    const text = frameArb().map((f) => utf8(encodeJsonFrame(f)));
    fc.assert(
      fc.property(
        text,
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        fc.uint8Array({ maxLength: 16 }),
        (bytes, at, bit, tail) => {
          const i = at % bytes.length;
          const flipped = bytes.slice();
          flipped[i] = (flipped[i] ?? 0) ^ (1 << bit);
          check(decodeFrame(flipped, NOW));
          const cut = decodeFrame(bytes.subarray(0, i), NOW);
          if (i === 0) assertRejected(cut, 'encoding-unknown', 'empty');
          else assertRejected(cut, 'json-syntax');
          check(decodeFrame(Buffer.concat([bytes, tail]), NOW));
        },
      ),
      { numRuns: RUNS / 3 },
    );
  });
});

describe('fuzz: pathological sizes', () => {
  it('a 2-million-element EMG array is rejected promptly', { timeout: 20_000 }, () => {
    const uv = `[${new Array(2_000_000).fill('1.5').join(',')}]`;
    const text = `{"v":1,"boot":1,"seq":1,"t0":1,"emg":{"hz":1000,"uv":${uv}},"shank":{"hz":50,"mg":[]}}`;
    const start = performance.now();
    assertRejected(decodeFrame(utf8(text), NOW), 'frame-span-invalid', '2000000 EMG samples');
    assert.ok(performance.now() - start < 10_000);
  });

  it('deeply nested JSON anywhere is rejected, never thrown', { timeout: 20_000 }, () => {
    const arrays = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const [deep, asEmg] of [
      [arrays, 'emg-missing'],
      [objects, 'emg-rate-invalid'],
    ] as const) {
      check(decodeFrame(utf8(`{"v":1,"x":${deep}}`), NOW));
      assertRejected(decodeFrame(utf8(`{"v":1,"boot":1,"seq":1,"t0":1,"emg":${deep}}`), NOW), asEmg);
      assertRejected(
        decodeFrame(utf8(`{"v":1,"boot":1,"seq":1,"t0":1,"emg":{"hz":1000,"uv":[${deep}]}}`), NOW),
        'emg-samples-invalid',
      );
      assertWellFormed(decodeStatus(utf8(`{"v":1,"online":true,"fw":${deep}}`)));
      assert.equal(parseRecordingLine(`{"topic":"t","payload":{"x":${deep}}}`).ok, false);
    }
    assertRejected(decodeFrame(utf8(objects), NOW), 'version-unsupported');
    assertRejected(decodeFrame(utf8(arrays), NOW), 'encoding-unknown');
  });

  it('a megabyte-long string field does not blow up the message', () => {
    const r = decodeFrame(utf8(`{"v":${JSON.stringify('x'.repeat(1_000_000))}}`), NOW);
    assertRejected(r, 'version-unsupported');
    assert.ok(!r.ok && r.error.message.length < 200);
  });
});
