import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandTopic, DEFAULT_TOPIC_PREFIX, isDeviceId, parseBandTopic } from '../../protocol/index.ts';
import { assertAccepted, assertRejected } from './fixtures.ts';

const P = DEFAULT_TOPIC_PREFIX;

describe('parseBandTopic', () => {
  it('uses crampwatch/v1 as the default prefix', () => assert.equal(P, 'crampwatch/v1'));

  for (const kind of ['frame', 'status', 'event'] as const) {
    it(`parses <prefix>/<device>/${kind}`, () => {
      assert.deepEqual(assertAccepted(parseBandTopic(P, `${P}/band-7/${kind}`)), { device: 'band-7', kind });
    });
  }

  it('round-trips bandTopic under a configured prefix', () => {
    const topic = bandTopic('home/bedroom/cw', 'Band_7-x', 'status');
    assert.equal(topic, 'home/bedroom/cw/Band_7-x/status');
    assert.deepEqual(assertAccepted(parseBandTopic('home/bedroom/cw', topic)), {
      device: 'Band_7-x',
      kind: 'status',
    });
  });

  for (const [name, topic] of [
    ['another prefix', 'other/v1/band-7/frame'],
    ['a prefix that only shares characters', 'crampwatch/v10/band-7/frame'],
    ['the prefix without a level separator', 'crampwatch/v1band-7/frame'],
    ['the default prefix when another is configured', 'crampwatch/v1/band-7/frame'],
  ] as const) {
    it(`rejects ${name}, naming the topic`, () => {
      const prefix = name.startsWith('the default') ? 'home/cw' : P;
      assertRejected(parseBandTopic(prefix, topic), 'topic-invalid', topic);
    });
  }

  for (const topic of [
    `${P}/band-7/frames`,
    `${P}/band-7/Frame`,
    `${P}/band-7/`,
    `${P}/band-7`,
    `${P}/`,
    `${P}/band-7/frame/extra`,
    `${P}/band-7/frame/`,
    `${P}/site/band-7/frame`,
  ]) {
    it(`rejects ${topic}`, () => assertRejected(parseBandTopic(P, topic), 'topic-invalid', topic));
  }

  it('accepts a 64-character device id and rejects 65', () => {
    const d64 = 'a'.repeat(32) + 'Z9_-'.repeat(8);
    assert.equal(d64.length, 64);
    assert.equal(assertAccepted(parseBandTopic(P, `${P}/${d64}/frame`)).device, d64);
    assertRejected(parseBandTopic(P, `${P}/${d64}x/frame`), 'device-id-invalid', `${d64}x`);
  });

  for (const device of ['', 'band.7', 'band 7', 'bänd', 'band+', '#', 'band:7', 'b\u0000d']) {
    it(`rejects device id ${JSON.stringify(device)}`, () =>
      assertRejected(parseBandTopic(P, `${P}/${device}/frame`), 'device-id-invalid'));
  }

  it('clips a very long topic in the message', () => {
    const r = parseBandTopic(P, `${P}/${'x'.repeat(10_000)}/frame`);
    assertRejected(r, 'device-id-invalid');
    assert.ok(!r.ok && r.error.message.length < 200);
  });
});

describe('isDeviceId', () => {
  it('follows [A-Za-z0-9_-]{1,64}', () => {
    assert.equal(isDeviceId('A-z_0'), true);
    assert.equal(isDeviceId('x'.repeat(64)), true);
    assert.equal(isDeviceId('x'.repeat(65)), false);
    assert.equal(isDeviceId(''), false);
    assert.equal(isDeviceId('band\n'), false);
  });
});
