/**
 * The ingest: MQTT in, validated and sequenced frames out, in order per band, each message
 * acknowledged only once handed on. Also the embedded broker for the one-machine setup.
 */

export type { EmbeddedBroker, EmbeddedBrokerOptions } from './embedded-broker.ts';
export { createEmbeddedBroker } from './embedded-broker.ts';
export type {
  AcceptedMessage,
  FrameItem,
  GapItem,
  IngestItem,
  IngestSink,
  RebootItem,
  StatusItem,
} from './ingest-item.ts';
export { IngestMetrics } from './ingest-metrics.ts';
export type { HandledMessage, MessageHandlerDeps } from './message-handler.ts';
export { MessageHandler } from './message-handler.ts';
export type { JournaledMessage } from './message-journal.ts';
export { MessageJournal } from './message-journal.ts';
export type { MqttIngest, MqttIngestDeps, MqttIngestOptions } from './mqtt-ingest.ts';
export { createMqttIngest } from './mqtt-ingest.ts';
export type { QuarantinedMessage, QuarantineOptions } from './quarantine.ts';
export { Quarantine } from './quarantine.ts';
export type { Admission, SequencerOptions } from './sequencer.ts';
export { DEFAULT_SEQUENCER_OPTIONS, Sequencer } from './sequencer.ts';
