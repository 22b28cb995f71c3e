/**
 * The service's per-message work, stage by stage, on one core: what one accepted MQTT message
 * costs from its bytes to "durable, may be acknowledged" — decode and sequence, detect, spool the
 * records it produced, journal the message — for many bands interleaved as the service sees them.
 * The store's own writes run on the spool's flush loop, and are measured by the storage benches.
 *
 * Run alone: `node --import tsx bench/pipeline-bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { StoreRecordCollector } from '../app/store-records.ts';
import { createDetector } from '../detector/index.ts';
import type { IngestItem } from '../ingest/ingest-item.ts';
import { MessageHandler } from '../ingest/message-handler.ts';
import { MessageJournal } from '../ingest/message-journal.ts';
import { Quarantine } from '../ingest/quarantine.ts';
import { Sequencer } from '../ingest/sequencer.ts';
import { type SimMessage, simulateNight } from '../simulator/index.ts';
import { createDurableWriter, createSqliteStore } from '../storage/index.ts';

const BANDS = 100;
const MINUTES = 3;
const ROUNDS = 3;
/** The per-message budget that 5,000 bands on one core allow: 5 frames a second each. */
const BUDGET_US = 1e6 / (5000 * 5);

interface Stages {
  handle: number;
  detect: number;
  spool: number;
  journal: number;
}

export async function runPipelineBench(): Promise<void> {
  const messages: Array<{ topic: string; payload: Uint8Array; at: number }> = [];
  const night = simulateNight({
    seed: 11,
    minutes: MINUTES,
    bands: BANDS,
    profile: 'severe',
    faults: 'none',
  });
  for (let step = night.next(); !step.done; step = night.next()) {
    const m: SimMessage = step.value;
    const payload = typeof m.payload === 'string' ? Buffer.from(m.payload) : m.payload;
    messages.push({ topic: m.topic, payload, at: m.sendMs });
  }
  messages.sort((a, b) => a.at - b.at);
  const bandSeconds = BANDS * MINUTES * 60;
  console.log(
    `pipeline bench: ${BANDS} bands × ${MINUTES} min interleaved (${messages.length} messages, binary frames), median of ${ROUNDS} rounds`,
  );
  const rounds: Stages[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await oneRound(messages));
  const median = (pick: (s: Stages) => number) => rounds.map(pick).sort((a, b) => a - b)[rounds.length >> 1]!;
  const perMessage = (us: number) => us / messages.length;
  const stages: Array<[string, (s: Stages) => number]> = [
    ['decode and sequence', (s) => s.handle],
    ['detect (and records)', (s) => s.detect],
    ['spool append', (s) => s.spool],
    ['journal append', (s) => s.journal],
  ];
  const total = median((s) => s.handle + s.detect + s.spool + s.journal);
  for (const [name, pick] of stages) {
    const us = median(pick);
    console.log(
      `  ${name.padEnd(22)} ${perMessage(us).toFixed(1).padStart(6)} µs/message  ${((100 * us) / total).toFixed(0).padStart(3)}%`,
    );
  }
  const us = perMessage(total);
  console.log(
    `  ${'all'.padEnd(22)} ${us.toFixed(1).padStart(6)} µs/message = ${(total / bandSeconds).toFixed(0)} µs per band-second = ${Math.round(1e6 / (total / bandSeconds) / 100) * 100} bands per core (before MQTT's own cost: see the drain bench)`,
  );
  console.log(
    `  within the ${BUDGET_US} µs a message that 5,000 bands of 5 frames/s allow on one core: ${us <= BUDGET_US ? 'yes' : 'no'}`,
  );
}

async function oneRound(
  messages: ReadonlyArray<{ topic: string; payload: Uint8Array; at: number }>,
): Promise<Stages> {
  const dir = mkdtempSync(join(tmpdir(), 'crampwatch-pipeline-bench-'));
  const log = pino({ level: 'silent' });
  const store = createSqliteStore({ dir });
  // The flush loop is kept out of the way (a long interval): this measures the message path only.
  const writer = await createDurableWriter({ store, dir: join(dir, 'spool'), log, flushEveryMs: 3_600_000 });
  const journal = MessageJournal.open(join(dir, 'journal'), 15 * 60_000, log);
  const handler = new MessageHandler({
    topicPrefix: 'crampwatch/v1',
    sequencer: new Sequencer(),
    quarantine: new Quarantine(),
    log,
    now: () => Number.MAX_SAFE_INTEGER / 2,
  });
  const records = new StoreRecordCollector();
  const detector = createDetector({ onSecond: (s) => records.second(s) });
  const t: Stages = { handle: 0, detect: 0, spool: 0, journal: 0 };
  const clock = () => Number(process.hrtime.bigint()) / 1000;
  try {
    for (const m of messages) {
      let t0 = clock();
      const handled = handler.handle(m.topic, m.payload, m.at);
      let t1 = clock();
      t.handle += t1 - t0;
      if (handled.kind !== 'accepted') continue;
      t0 = t1;
      const items: readonly IngestItem[] = handled.items;
      for (const item of items) {
        records.item(item);
        for (const output of detector.push(item.device, item)) records.output(output);
      }
      const produced = records.take();
      t1 = clock();
      t.detect += t1 - t0;
      t0 = t1;
      if (produced.length > 0) writer.append(produced);
      t1 = clock();
      t.spool += t1 - t0;
      t0 = t1;
      journal.append(m.topic, m.payload, m.at);
      t.journal += clock() - t0;
    }
  } finally {
    journal.close();
    await writer.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return t;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runPipelineBench();
