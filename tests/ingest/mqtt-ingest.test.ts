import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import {
  bandTopic,
  DEFAULT_TOPIC_PREFIX,
  encodeBinaryFrame,
  encodeJsonFrame,
  type Frame,
} from '../../protocol/index.ts';
import { startAedes } from '../harness/aedes.ts';
import { frameKeys, ingestUnderTest } from '../harness/ingest-under-test.ts';
import { startMosquitto } from '../harness/mosquitto.ts';
import { requiredBinary } from '../harness/required-binary.ts';
import { contiguousFrames, T0 } from '../helpers/frames.ts';

const frameTopic = (device: string) => bandTopic(DEFAULT_TOPIC_PREFIX, device, 'frame');

async function publisher(url: string, clientId: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 100 });
}

async function publishAll(client: MqttClient, messages: Array<[string, Uint8Array | string]>): Promise<void> {
  await Promise.all(
    messages.map(([topic, payload]) => client.publishAsync(topic, Buffer.from(payload), { qos: 1 })),
  );
}

const encode = (f: Frame, i: number) => (i % 2 === 0 ? encodeBinaryFrame(f) : encodeJsonFrame(f));

/**
 * What a user of the ingest relies on, the same against every broker: frames handed on exactly
 * once and in arrival order per band, gaps reported, late uploads accepted and marked, garbage
 * quarantined with its reason and never disturbing a band's stream.
 */
function ingestContract(startBroker: () => Promise<{ url: string; stop(): Promise<void> }>) {
  let broker: { url: string; stop(): Promise<void> };
  before(async () => {
    broker = await startBroker();
  });
  after(async () => {
    await broker.stop();
  });

  test('hands on frames once, in order, with gaps, late fills and garbage quarantined', async () => {
    const sut = ingestUnderTest({ url: broker.url, clientId: 'ingest-contract' });
    await sut.ingest.start();
    const pub = await publisher(broker.url, 'band-gateway');
    try {
      const a = contiguousFrames(20, { boot: 7, startSeq: 0, startT0: T0 });
      const b = contiguousFrames(5, { boot: 9, startSeq: 100, startT0: T0, foot: false });
      const messages: Array<[string, Uint8Array | string]> = [];
      a.slice(0, 10).forEach((f, i) => messages.push([frameTopic('band-a'), encode(f, i)]));
      messages.push([frameTopic('band-a'), encodeBinaryFrame(a[5]!)]); // duplicate
      messages.push([frameTopic('band-a'), '{"v":1, broken']);
      messages.push([frameTopic('band-a'), 'not json at all']);
      messages.push([frameTopic('band-a'), '{"v":2}']);
      messages.push([frameTopic('band-a'), new Uint8Array([0x4c, 0x42, 1, 0, 1, 2, 3])]);
      messages.push([`${DEFAULT_TOPIC_PREFIX}/bad id!/frame`, encodeBinaryFrame(a[0]!)]);
      b.forEach((f, i) => messages.push([frameTopic('band-b'), encode(f, i)]));
      a.slice(15, 20).forEach((f, i) => messages.push([frameTopic('band-a'), encode(f, i)])); // 10-14 lost...
      a.slice(10, 15).forEach((f, i) => messages.push([frameTopic('band-a'), encode(f, i)])); // ...uploaded late
      messages.push([
        bandTopic(DEFAULT_TOPIC_PREFIX, 'band-a', 'status'),
        '{"v":1,"online":true,"battery":0.5}',
      ]);
      for (const m of messages) await publishAll(pub, [m]);

      await sut.waitFor((items) => items.some((i) => i.kind === 'status'));
      assert.deepEqual(frameKeys(sut.items, 'band-a'), [
        ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19].map((s) => `band-a:${s}`),
        ...[10, 11, 12, 13, 14].map((s) => `band-a:${s} (late)`),
      ]);
      assert.deepEqual(
        frameKeys(sut.items, 'band-b'),
        [100, 101, 102, 103, 104].map((s) => `band-b:${s}`),
      );
      const gaps = sut.items.filter((i) => i.kind === 'gap');
      assert.equal(gaps.length, 1);
      assert.deepEqual(
        gaps.map((g) => g.kind === 'gap' && [g.device, g.firstSeq, g.missingFrames, g.fromMs, g.toMs]),
        [['band-a', 10, 5, T0 + 2000, T0 + 3000]],
      );
      const gapAt = sut.items.indexOf(gaps[0]!);
      assert.equal(
        frameKeys(sut.items.slice(gapAt + 1, gapAt + 2))[0],
        'band-a:15',
        'the gap comes just before seq 15',
      );
      const codes = sut.quarantine.list().map((q) => q.reason.code);
      assert.deepEqual(codes.sort(), [
        'binary-header-truncated',
        'device-id-invalid',
        'encoding-unknown',
        'json-syntax',
        'version-unsupported',
      ]);
      const rejected = await sut.registry.getSingleMetricAsString('crampwatch_frames_rejected_total');
      assert.match(rejected, /crampwatch_frames_rejected_total\{device="band-a",reason="json-syntax"\} 1/);
      assert.match(rejected, /device="_unknown",reason="device-id-invalid"\} 1/);
      const dup = await sut.registry.getSingleMetricAsString('crampwatch_frames_duplicate_total');
      assert.match(dup, /device="band-a"\} 1/);
      assert.deepEqual(sut.fatal, []);
    } finally {
      await pub.endAsync();
      await sut.ingest.stop();
    }
  });

  test('a message is acknowledged only once handed on: a sink failure leaves it to be redelivered', async () => {
    const frames = contiguousFrames(6, { boot: 1, startSeq: 0, startT0: T0 });
    let failOnce = true;
    const first = ingestUnderTest({
      url: broker.url,
      clientId: 'ingest-redelivery',
      sink: (batch, collect) => {
        if (failOnce && batch.some((i) => i.kind === 'frame' && i.frame.seq === 3)) {
          failOnce = false;
          return Promise.reject(new Error('store unavailable'));
        }
        collect(batch);
      },
    });
    await first.ingest.start();
    const pub = await publisher(broker.url, 'band-redelivery');
    try {
      await publishAll(
        pub,
        frames.map((f) => [frameTopic('band-r'), encodeBinaryFrame(f)]),
      );
      await first.waitFor((items) => items.length >= 3);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(
        frameKeys(first.items),
        ['band-r:0', 'band-r:1', 'band-r:2'],
        'nothing after the failure',
      );
      assert.equal(first.fatal.length, 1);
      await first.ingest.stop();

      const second = ingestUnderTest({ url: broker.url, clientId: 'ingest-redelivery' });
      await second.ingest.start();
      await second.waitFor((items) => frameKeys(items).includes('band-r:5'));
      assert.deepEqual(frameKeys(second.items), ['band-r:3', 'band-r:4', 'band-r:5']);
      await second.ingest.stop();
    } finally {
      await pub.endAsync();
    }
  });
}

describe('ingest against in-process Aedes', () => {
  ingestContract(startAedes);

  test('resubscribes when the broker has lost its session', async () => {
    const broker = await startAedes();
    const port = Number(new URL(broker.url).port);
    const sut = ingestUnderTest({ url: broker.url, clientId: 'ingest-lost-session' });
    await sut.ingest.start();
    await broker.stop();
    const { createEmbeddedBroker } = await import('../../ingest/index.ts');
    const { pino } = await import('pino');
    const fresh = createEmbeddedBroker({ port, host: '127.0.0.1' }, pino({ level: 'silent' }));
    await fresh.start();
    try {
      const deadline = Date.now() + 10_000;
      while (!sut.ingest.connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200)); // let the SUBSCRIBE land
      const pub = await publisher(broker.url, 'band-after-loss');
      await publishAll(pub, [
        [
          frameTopic('band-l'),
          encodeBinaryFrame(contiguousFrames(1, { boot: 1, startSeq: 0, startT0: T0 })[0]!),
        ],
      ]);
      await pub.endAsync();
      await sut.waitFor((items) => items.length === 1);
      assert.deepEqual(frameKeys(sut.items), ['band-l:0']);
    } finally {
      await sut.ingest.stop();
      await fresh.stop();
    }
  });
});

const mosquittoBinary = requiredBinary('mosquitto', 'mosquitto');
describe('ingest against a real Mosquitto', {
  skip: 'skip' in mosquittoBinary ? mosquittoBinary.skip : false,
}, () => {
  ingestContract(async () => {
    const m = await startMosquitto();
    return { url: m.url, stop: () => m.dispose() };
  });

  test('frames published during a broker outage arrive exactly once, in order, after its restart', async () => {
    const m = await startMosquitto();
    const sut = ingestUnderTest({ url: m.url, clientId: 'ingest-outage' });
    const pub = await publisher(m.url, 'band-outage-gateway');
    try {
      await sut.ingest.start();
      const frames = contiguousFrames(300, { boot: 3, startSeq: 0, startT0: T0 });
      const send = (from: number, to: number) =>
        frames
          .slice(from, to)
          .map((f) => pub.publishAsync(frameTopic('band-o'), Buffer.from(encodeBinaryFrame(f)), { qos: 1 }));
      await Promise.all(send(0, 100));
      await sut.waitFor((items) => items.length >= 100);
      await m.stop();
      const queuedDuringOutage = send(100, 200); // mqtt.js keeps these until the broker is back
      await new Promise((r) => setTimeout(r, 300));
      await m.restart();
      await Promise.all(queuedDuringOutage);
      await Promise.all(send(200, 300));
      await sut.waitFor((items) => frameKeys(items).includes('band-o:299'), 20_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(
        frameKeys(sut.items),
        frames.map((f) => `band-o:${f.seq}`),
      );
      assert.equal(sut.items.filter((i) => i.kind === 'gap').length, 0);
    } finally {
      await pub.endAsync(true);
      await sut.ingest.stop();
      await m.dispose();
    }
  });
});
