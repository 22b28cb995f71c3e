/** Recording files (`shared/spec/events-and-recordings.md`): streamed reading and writing, gzip optional. */

export type { NumberedLine } from './read-recording.ts';
export { readRecordingLines } from './read-recording.ts';
export type { RecordingWriter } from './write-recording.ts';
export { createRecordingWriter } from './write-recording.ts';
