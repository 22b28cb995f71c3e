/**
 * The band protocol and the event shape (`shared/spec/`): types, decoders that validate every
 * rule and never throw, and encoders. Every other stage imports these from here.
 */
export { decodeBinaryFrame } from './decode-binary-frame.ts';
export { decodeFrame, parseJson, payloadEncoding } from './decode-frame.ts';
export { frameFromJson } from './decode-json-frame.ts';
export { decodeStatus, statusFromJson } from './decode-status.ts';
export type { JsonEncodeOptions } from './encode-frame.ts';
export { DEFAULT_EMG_SCALE_UV, encodeBinaryFrame, encodeJsonFrame, frameToJson } from './encode-frame.ts';
export { encodeStatus, OFFLINE_STATUS } from './encode-status.ts';
export type { AlertMessage, CrampWatchEvent, KnownEventKind } from './event.ts';
export { eventId } from './event.ts';
export type { AccelStream, EmgStream, Frame } from './frame.ts';
export { frameSpanMs } from './frame.ts';
export * from './limits.ts';
export type { RecordedMessage, RecordingLine } from './recording-line.ts';
export { parseRecordingLine, toRecordingLine } from './recording-line.ts';
export type { Decoded, RejectCode, Rejection } from './rejection.ts';
export { REJECT_CODES } from './rejection.ts';
export type { BandStatus } from './status.ts';
export type { BandTopic, TopicKind } from './topic.ts';
export { bandTopic, DEFAULT_TOPIC_PREFIX, DEVICE_ID_PATTERN, isDeviceId, parseBandTopic } from './topic.ts';
export type { DeviceId, EpochMs } from './units.ts';
