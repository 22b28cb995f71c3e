import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decoded, RejectCode } from '../../protocol/index.ts';
import {
  decodeFrame,
  decodeStatus,
  frameFromJson,
  parseBandTopic,
  REJECT_CODES,
} from '../../protocol/index.ts';
import { binaryFrame, jsonBytes, jsonFrame, NOW, T0, utf8 } from './fixtures.ts';

/** Codes checked outside the decoders: contiguity needs the previous frame (ingest/). */
const CHECKED_ELSEWHERE = new Set<RejectCode>(['t0-discontinuous']);

const f = jsonFrame();
const EXAMPLES: [RejectCode, Decoded<unknown>][] = [
  ['topic-invalid', parseBandTopic('crampwatch/v1', 'crampwatch/v1/band-7/frame/x')],
  ['device-id-invalid', parseBandTopic('crampwatch/v1', 'crampwatch/v1/band.7/frame')],
  ['encoding-unknown', decodeFrame(utf8('<xml/>'), NOW)],
  ['json-syntax', decodeFrame(utf8('{'), NOW)],
  ['json-not-object', frameFromJson([], NOW)],
  ['version-unsupported', decodeFrame(jsonBytes({ ...f, v: 2 }), NOW)],
  ['boot-invalid', decodeFrame(jsonBytes({ ...f, boot: -1 }), NOW)],
  ['seq-invalid', decodeFrame(jsonBytes({ ...f, seq: -1 }), NOW)],
  ['t0-invalid', decodeFrame(jsonBytes({ ...f, t0: -1 }), NOW)],
  ['t0-future', decodeFrame(jsonBytes(f), T0 - 400_000)],
  ['emg-missing', decodeFrame(jsonBytes({ ...f, emg: null }), NOW)],
  ['emg-rate-invalid', decodeFrame(jsonBytes({ ...f, emg: { ...f.emg, hz: 100 } }), NOW)],
  ['emg-samples-invalid', decodeFrame(jsonBytes({ ...f, emg: { ...f.emg, uv: null } }), NOW)],
  ['shank-missing', decodeFrame(jsonBytes({ ...f, shank: undefined }), NOW)],
  ['foot-invalid', decodeFrame(jsonBytes({ ...f, foot: 1 }), NOW)],
  ['accel-rate-invalid', decodeFrame(jsonBytes({ ...f, shank: { ...f.shank, hz: 1 } }), NOW)],
  ['accel-samples-invalid', decodeFrame(jsonBytes({ ...f, shank: { ...f.shank, mg: [1] } }), NOW)],
  ['frame-span-invalid', decodeFrame(jsonBytes({ ...f, emg: { ...f.emg, uv: [1] } }), NOW)],
  ['span-mismatch', decodeFrame(jsonBytes({ ...f, shank: { ...f.shank, mg: [] } }), NOW)],
  ['binary-header-truncated', decodeFrame(binaryFrame().subarray(0, 20), NOW)],
  ['binary-flags-reserved', decodeFrame(binaryFrame({ flags: 4 }), NOW)],
  ['binary-scale-invalid', decodeFrame(binaryFrame({ scale: 0 }), NOW)],
  ['binary-length-mismatch', decodeFrame(binaryFrame().subarray(0, 40), NOW)],
  ['status-invalid', decodeStatus(utf8('{"v":1}'))],
];

describe('rejection catalogue', () => {
  it('has an example here for every code the decoders own', () => {
    const owned = Object.keys(REJECT_CODES).filter((c) => !CHECKED_ELSEWHERE.has(c as RejectCode));
    assert.deepEqual(EXAMPLES.map(([code]) => code).sort(), owned.sort());
  });

  for (const [code, result] of EXAMPLES) {
    it(`${code}: produced, with a message, and documented`, () => {
      assert.equal(result.ok ? 'accepted' : result.error.code, code);
      assert.ok(!result.ok && result.error.message.trim().length > 0);
      assert.ok(REJECT_CODES[code].length > 10);
    });
  }

  it('codes are kebab-case, as metrics labels', () => {
    for (const code of Object.keys(REJECT_CODES)) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
