import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { toRecordingLine } from '../protocol/index.ts';

/** Appends MQTT messages to a recording file, one line each, gzip-compressed when the name ends in `.gz`. */
export interface RecordingWriter {
  /** Writes a message; resolves at once unless the file is behind, so memory stays bounded. */
  write(topic: string, payload: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
}

export function createRecordingWriter(path: string): RecordingWriter {
  const file: WriteStream = createWriteStream(path);
  const out: Writable = path.endsWith('.gz') ? createGzip() : file;
  if (out !== file) out.pipe(file);
  // A failing disk or path surfaces as a rejected write or close, never as a hang or a crash.
  let failure: Error | undefined;
  const onError = (err: Error) => {
    failure ??= err;
    file.destroy();
  };
  file.on('error', onError);
  if (out !== file) out.on('error', onError);
  const fail = () => new Error(`cannot write ${path}: ${failure?.message}`);
  const closed = once(file, 'close').catch(() => undefined);
  return {
    async write(topic, payload) {
      if (failure) throw fail();
      if (!out.write(`${toRecordingLine(topic, payload)}\n`)) {
        await Promise.race([once(out, 'drain'), closed]);
        if (failure) throw fail();
      }
    },
    async close() {
      if (!file.closed) {
        out.end();
        await once(file, 'close');
      }
      if (failure) throw fail();
    },
  };
}
