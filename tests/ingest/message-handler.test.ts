import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { HandledMessage } from '../../ingest/index.ts';
import { IngestMetrics, MessageHandler, Quarantine, Sequencer } from '../../ingest/index.ts';
import {
  encodeBinaryFrame,
  encodeJsonFrame,
  type Frame,
  frameToJson,
  REJECT_CODES,
  type RejectCode,
} from '../../protocol/index.ts';
import { makeFrame, T0 } from '../helpers/frames.ts';

const PREFIX = 'crampwatch/v1';
const BAND = 'band-1';
const FRAME_TOPIC = `${PREFIX}/${BAND}/frame`;
const STATUS_TOPIC = `${PREFIX}/${BAND}/status`;
const BOOT = 3_141_592;
/** The service clock: an hour after the frames' night began. */
const NOW = T0 + 3_600_000;

const text = (s: string) => new TextEncoder().encode(s);
const jsonPayload = (value: unknown) => text(JSON.stringify(value));
const frameAt = (seq: number) => makeFrame({ boot: BOOT, seq, t0: T0 + seq * 200 });
const frameJson = (seq: number) => frameToJson(frameAt(seq));

/** A handler wired to a real quarantine, real metrics on a fresh registry and a captured log. */
function setup(startMs = NOW) {
  const registry = new Registry();
  const quarantine = new Quarantine({ capacity: 1000, maxPayloadBytes: 4096 });
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const clock = { nowMs: startMs };
  const handler = new MessageHandler({
    topicPrefix: PREFIX,
    sequencer: new Sequencer(),
    quarantine,
    metrics: new IngestMetrics(registry),
    log,
    now: () => clock.nowMs,
  });
  const handle = (topic: string, payload: Uint8Array, json?: unknown) =>
    handler.handle(topic, payload, clock.nowMs, json);
  return { registry, quarantine, lines, clock, handler, handle };
}

async function counter(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

const rejectedCount = (registry: Registry, device: string, reason: string) =>
  counter(registry, 'crampwatch_frames_rejected_total', { device, reason });

async function rejectedTotal(registry: Registry): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find(
    (m) => m.name === 'crampwatch_frames_rejected_total',
  );
  return metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

function rejectedCode(h: HandledMessage): RejectCode {
  if (h.kind !== 'rejected') assert.fail(`expected a rejection, got ${JSON.stringify(h)}`);
  return h.reason.code;
}

function acceptedKinds(h: HandledMessage): string[] {
  if (h.kind !== 'accepted') assert.fail(`expected accepted, got ${JSON.stringify(h)}`);
  return h.items.map((i) => i.kind);
}

/** Seeded xorshift32, for repeatable garbage. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

interface Garbage {
  readonly name: string;
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly code: RejectCode;
  /** The device label the rejection is counted under. */
  readonly device: string;
}

function withFrame(patch: (json: Record<string, unknown>) => void): Uint8Array {
  const json = frameJson(7) as Record<string, unknown>;
  patch(json);
  return jsonPayload(json);
}

const binarySeven = encodeBinaryFrame(frameAt(7));
const GARBAGE: readonly Garbage[] = [
  {
    name: 'bytes of no encoding',
    topic: FRAME_TOPIC,
    payload: Uint8Array.of(0xff, 0, 0x13, 0x37),
    code: 'encoding-unknown',
    device: BAND,
  },
  {
    name: 'an empty payload',
    topic: FRAME_TOPIC,
    payload: new Uint8Array(0),
    code: 'encoding-unknown',
    device: BAND,
  },
  {
    name: 'cut-off JSON',
    topic: FRAME_TOPIC,
    payload: text('{"v":1,"boot":'),
    code: 'json-syntax',
    device: BAND,
  },
  {
    name: 'JSON that is not UTF-8',
    topic: FRAME_TOPIC,
    payload: Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d),
    code: 'json-syntax',
    device: BAND,
  },
  {
    name: 'a truncated binary header',
    topic: FRAME_TOPIC,
    payload: Uint8Array.of(0x4c, 0x42, 1, 0, 0),
    code: 'binary-header-truncated',
    device: BAND,
  },
  {
    name: 'a binary frame one byte too long',
    topic: FRAME_TOPIC,
    payload: Uint8Array.of(...binarySeven, 0),
    code: 'binary-length-mismatch',
    device: BAND,
  },
  {
    name: 'version 2',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.v = 2;
    }),
    code: 'version-unsupported',
    device: BAND,
  },
  {
    name: 'a negative seq',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.seq = -1;
    }),
    code: 'seq-invalid',
    device: BAND,
  },
  {
    name: 'no shank',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      delete f.shank;
    }),
    code: 'shank-missing',
    device: BAND,
  },
  {
    name: 'a text EMG sample',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.emg = { hz: 1000, uv: [1, 'x'] };
    }),
    code: 'emg-samples-invalid',
    device: BAND,
  },
  {
    name: 'shank values not in threes',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.shank = { hz: 50, mg: new Array(29).fill(0) };
    }),
    code: 'accel-samples-invalid',
    device: BAND,
  },
  {
    name: 'a 10 ms frame',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.emg = { hz: 1000, uv: new Array(10).fill(0) };
    }),
    code: 'frame-span-invalid',
    device: BAND,
  },
  {
    name: 'a shank half as long as the EMG',
    topic: FRAME_TOPIC,
    payload: withFrame((f) => {
      f.shank = { hz: 50, mg: new Array(15).fill(0) };
    }),
    code: 'span-mismatch',
    device: BAND,
  },
  {
    name: 'a topic under another prefix',
    topic: `other/v1/${BAND}/frame`,
    payload: jsonPayload(frameJson(7)),
    code: 'topic-invalid',
    device: '_unknown',
  },
  {
    name: 'an unknown topic kind',
    topic: `${PREFIX}/${BAND}/command`,
    payload: jsonPayload(frameJson(7)),
    code: 'topic-invalid',
    device: '_unknown',
  },
  {
    name: 'a topic too deep',
    topic: `${FRAME_TOPIC}/x`,
    payload: jsonPayload(frameJson(7)),
    code: 'topic-invalid',
    device: '_unknown',
  },
  {
    name: 'a device id with a dot',
    topic: `${PREFIX}/band.1/frame`,
    payload: jsonPayload(frameJson(7)),
    code: 'device-id-invalid',
    device: '_unknown',
  },
  {
    name: 'a device id of 65 characters',
    topic: `${PREFIX}/${'b'.repeat(65)}/frame`,
    payload: jsonPayload(frameJson(7)),
    code: 'device-id-invalid',
    device: '_unknown',
  },
  {
    name: 'a status that is not JSON',
    topic: STATUS_TOPIC,
    payload: text('online'),
    code: 'json-syntax',
    device: BAND,
  },
  {
    name: 'a status array',
    topic: STATUS_TOPIC,
    payload: text('[true]'),
    code: 'json-not-object',
    device: BAND,
  },
  {
    name: 'a status without online',
    topic: STATUS_TOPIC,
    payload: text('{"v":1}'),
    code: 'status-invalid',
    device: BAND,
  },
  {
    name: 'a status with battery 2',
    topic: STATUS_TOPIC,
    payload: text('{"v":1,"online":true,"battery":2}'),
    code: 'status-invalid',
    device: BAND,
  },
  {
    name: 'a status of version 2',
    topic: STATUS_TOPIC,
    payload: text('{"v":2,"online":true}'),
    code: 'version-unsupported',
    device: BAND,
  },
];

describe('MessageHandler: garbage', () => {
  for (const g of GARBAGE) {
    it(`rejects ${g.name} as ${g.code}: quarantined, counted, state untouched`, async () => {
      const { handle, quarantine, registry } = setup();
      assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, jsonPayload(frameJson(6)))), ['frame']);
      assert.equal(rejectedCode(handle(g.topic, g.payload)), g.code);
      const [kept] = quarantine.list();
      assert.equal(quarantine.total, 1);
      assert.equal(kept?.topic, g.topic);
      assert.equal(kept?.reason.code, g.code);
      assert.equal(kept?.at, NOW);
      assert.equal(kept?.payloadBytes, g.payload.length);
      const expectedPayload =
        kept?.payloadEncoding === 'utf8'
          ? new TextDecoder().decode(g.payload)
          : Buffer.from(g.payload).toString('base64');
      assert.equal(kept?.payload, expectedPayload);
      assert.equal(await rejectedCount(registry, g.device, g.code), 1);
      // The band's sequence carries on: seq 7 follows 6 with no gap, whatever seq the garbage had.
      assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, jsonPayload(frameJson(7)))), ['frame']);
    });
  }

  it('rejects 500 random payloads on frame and status topics and keeps the sequence', async () => {
    const { handle, quarantine, registry } = setup();
    const next = random(42);
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, encodeBinaryFrame(frameAt(0)))), ['frame']);
    for (let i = 0; i < 500; i++) {
      const payload = Uint8Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256));
      const h = handle(i % 5 === 0 ? STATUS_TOPIC : FRAME_TOPIC, payload);
      assert.ok(Object.hasOwn(REJECT_CODES, rejectedCode(h)));
    }
    assert.equal(quarantine.total, 500);
    assert.equal(await rejectedTotal(registry), 500);
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, encodeBinaryFrame(frameAt(1)))), ['frame']);
  });

  it('never throws on valid frames with random bytes changed, and counts what it refuses', async () => {
    const { handle, quarantine, registry } = setup();
    const next = random(7);
    const valid = [encodeBinaryFrame(frameAt(1)), text(encodeJsonFrame(frameAt(1)))];
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const payload = valid[i % 2]!.map((b) => (next() < 0.01 ? Math.floor(next() * 256) : b));
      const h = handle(FRAME_TOPIC, payload);
      assert.ok(['accepted', 'duplicate', 'rejected'].includes(h.kind));
      if (h.kind === 'rejected') refused++;
    }
    assert.ok(refused > 100, `${refused} refused`);
    assert.equal(quarantine.total, refused);
    assert.equal(await rejectedTotal(registry), refused);
  });

  it('counts rejections per device and reason in crampwatch_frames_rejected_total', async () => {
    const { handle, registry } = setup();
    for (let i = 0; i < 3; i++) handle(FRAME_TOPIC, text('nope'));
    handle(`${PREFIX}/band-2/frame`, text('nope'));
    handle(FRAME_TOPIC, text('{'));
    const exposition = await registry.getSingleMetricAsString('crampwatch_frames_rejected_total');
    assert.match(
      exposition,
      /crampwatch_frames_rejected_total\{device="band-1",reason="encoding-unknown"\} 3/,
    );
    assert.match(
      exposition,
      /crampwatch_frames_rejected_total\{device="band-2",reason="encoding-unknown"\} 1/,
    );
    assert.match(exposition, /crampwatch_frames_rejected_total\{device="band-1",reason="json-syntax"\} 1/);
  });

  it('quarantines and counts a frame the sequencer refuses (t0-discontinuous)', async () => {
    const { handle, quarantine, registry } = setup();
    handle(FRAME_TOPIC, jsonPayload(frameJson(0)));
    const jumped = frameToJson(makeFrame({ boot: BOOT, seq: 1, t0: T0 + 10_000 }));
    assert.equal(rejectedCode(handle(FRAME_TOPIC, jsonPayload(jumped))), 't0-discontinuous');
    assert.equal(quarantine.list()[0]?.reason.code, 't0-discontinuous');
    assert.equal(await rejectedCount(registry, BAND, 't0-discontinuous'), 1);
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, jsonPayload(frameJson(1)))), ['frame']);
  });
});

describe('MessageHandler: the clock rule', () => {
  for (const encoding of ['json', 'binary'] as const) {
    const payload = (f: Frame) => (encoding === 'json' ? text(encodeJsonFrame(f)) : encodeBinaryFrame(f));

    it(`rejects a ${encoding} frame whose t0 is more than 5 min ahead of the service clock as t0-future`, async () => {
      const { handle, registry, quarantine } = setup(T0);
      const ahead = makeFrame({ boot: BOOT, seq: 0, t0: T0 + 300_001 });
      assert.equal(rejectedCode(handle(FRAME_TOPIC, payload(ahead))), 't0-future');
      assert.equal(quarantine.list()[0]?.reason.code, 't0-future');
      assert.equal(await rejectedCount(registry, BAND, 't0-future'), 1);
    });

    it(`accepts a ${encoding} frame exactly 5 min ahead`, () => {
      const { handle } = setup(T0);
      assert.deepEqual(
        acceptedKinds(handle(FRAME_TOPIC, payload(makeFrame({ boot: BOOT, seq: 0, t0: T0 + 300_000 })))),
        ['frame'],
      );
    });
  }

  it('judges t0 by the service clock, not by the arrival time passed in', () => {
    const { handler } = setup(T0);
    const ahead = text(encodeJsonFrame(makeFrame({ boot: BOOT, seq: 0, t0: T0 + 600_000 })));
    assert.equal(rejectedCode(handler.handle(FRAME_TOPIC, ahead, T0 + 3_600_000)), 't0-future');
  });
});

describe('MessageHandler: what it accepts', () => {
  it('ignores the event topic: not accepted, not quarantined, not counted', async () => {
    const { handle, quarantine, registry } = setup();
    assert.deepEqual(handle(`${PREFIX}/${BAND}/event`, text('{"anything":true}')), { kind: 'ignored' });
    assert.equal(quarantine.total, 0);
    assert.equal(await rejectedTotal(registry), 0);
  });

  it('accepts a status as a StatusItem, the last will too, and counts it', async () => {
    const { handle, registry } = setup();
    const status = {
      v: 1,
      online: true,
      t: T0,
      battery: 0.83,
      fw: '2.1.0',
      side: 'left',
      leadOff: false,
      extra: 1,
    };
    const h = handle(STATUS_TOPIC, jsonPayload(status));
    const { extra: _ignored, ...known } = status;
    assert.deepEqual(h, {
      kind: 'accepted',
      items: [{ kind: 'status', device: BAND, status: known, receivedAt: NOW }],
    });
    assert.deepEqual(handle(STATUS_TOPIC, text('{"v":1,"online":false}')), {
      kind: 'accepted',
      items: [{ kind: 'status', device: BAND, status: { v: 1, online: false }, receivedAt: NOW }],
    });
    assert.equal(await counter(registry, 'crampwatch_status_messages_total', { device: BAND }), 2);
  });

  it('hands on frames of both encodings with gaps, reboots and duplicates, counting each', async () => {
    const { handle, registry } = setup();
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, encodeBinaryFrame(frameAt(0)))), ['frame']);
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, text(encodeJsonFrame(frameAt(3))))), ['gap', 'frame']);
    assert.deepEqual(handle(FRAME_TOPIC, text(encodeJsonFrame(frameAt(3)))), { kind: 'duplicate' });
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, encodeBinaryFrame(frameAt(1)))), ['frame']);
    const rebooted = makeFrame({ boot: 7, seq: 0, t0: T0 + 5_000 });
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, encodeBinaryFrame(rebooted))), ['reboot', 'frame']);
    const device = { device: BAND };
    assert.equal(await counter(registry, 'crampwatch_frames_accepted_total', device), 4);
    assert.equal(await counter(registry, 'crampwatch_frames_late_total', device), 1);
    assert.equal(await counter(registry, 'crampwatch_frames_duplicate_total', device), 1);
    assert.equal(await counter(registry, 'crampwatch_frame_gaps_total', device), 1);
    assert.equal(await counter(registry, 'crampwatch_frames_missing_total', device), 2);
    assert.equal(await counter(registry, 'crampwatch_band_reboots_total', device), 1);
  });
});

describe('MessageHandler: a payload already parsed (recordings)', () => {
  const cases: { name: string; topic: string; value: unknown }[] = [
    { name: 'a frame', topic: FRAME_TOPIC, value: frameJson(0) },
    { name: 'a frame of version 2', topic: FRAME_TOPIC, value: { ...frameJson(0), v: 2 } },
    { name: 'a frame that is an array', topic: FRAME_TOPIC, value: [1, 2, 3] },
    { name: 'a frame that is null', topic: FRAME_TOPIC, value: null },
    {
      name: 'a frame from the future',
      topic: FRAME_TOPIC,
      value: frameToJson(makeFrame({ boot: 1, seq: 0, t0: NOW + 400_000 })),
    },
    { name: 'a status', topic: STATUS_TOPIC, value: { v: 1, online: true, side: 'right' } },
    { name: 'a bad status', topic: STATUS_TOPIC, value: { v: 1, online: 'yes' } },
    { name: 'an event', topic: `${PREFIX}/${BAND}/event`, value: { v: 1 } },
  ];
  for (const c of cases) {
    it(`treats ${c.name} as the bytes path does`, async () => {
      const bytes = jsonPayload(c.value);
      const viaBytes = setup();
      const viaJson = setup();
      const a = viaBytes.handle(c.topic, bytes);
      const b = viaJson.handle(c.topic, bytes, c.value);
      assert.deepEqual(b, a);
      assert.deepEqual(viaJson.quarantine.list(), viaBytes.quarantine.list());
      assert.equal(
        await viaJson.registry.getSingleMetricAsString('crampwatch_frames_rejected_total'),
        await viaBytes.registry.getSingleMetricAsString('crampwatch_frames_rejected_total'),
      );
    });
  }

  it('continues one sequence across both paths', () => {
    const { handle } = setup();
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, new Uint8Array(0), frameJson(0))), ['frame']);
    assert.deepEqual(acceptedKinds(handle(FRAME_TOPIC, jsonPayload(frameJson(1)))), ['frame']);
    assert.deepEqual(handle(FRAME_TOPIC, new Uint8Array(0), frameJson(1)), { kind: 'duplicate' });
  });
});

describe('MessageHandler: rate-limited rejection log', () => {
  const warnings = (lines: Record<string, unknown>[]) => lines.filter((l) => l.level === 40);

  it('logs 100 identical rejections within 10 s once, then says how many it held back', () => {
    const { handle, lines, clock } = setup();
    for (let i = 0; i < 100; i++) {
      handle(FRAME_TOPIC, text('garbage'));
      clock.nowMs += 99; // 100 messages in 9.9 s
    }
    assert.equal(warnings(lines).length, 1);
    assert.equal(lines.length, 1, 'nothing else is logged per message');
    assert.deepEqual(pick(lines[0]!), { device: BAND, reason: 'encoding-unknown', suppressed: 0 });
    clock.nowMs = NOW + 10_000;
    handle(FRAME_TOPIC, text('garbage'));
    assert.equal(warnings(lines).length, 2);
    assert.deepEqual(pick(lines[1]!), { device: BAND, reason: 'encoding-unknown', suppressed: 99 });
  });

  it('limits each device and reason on its own', () => {
    const { handle, lines } = setup();
    for (let i = 0; i < 10; i++) {
      handle(FRAME_TOPIC, text('garbage'));
      handle(FRAME_TOPIC, text('{'));
      handle(`${PREFIX}/band-2/frame`, text('garbage'));
    }
    assert.deepEqual(
      warnings(lines).map((l) => `${l.device}/${l.reason}`),
      ['band-1/encoding-unknown', 'band-1/json-syntax', 'band-2/encoding-unknown'],
    );
  });

  function pick(line: Record<string, unknown>) {
    return { device: line.device, reason: line.reason, suppressed: line.suppressed };
  }
});
