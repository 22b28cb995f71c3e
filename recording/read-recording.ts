import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A line of a recording with its 1-based line number, for `line N: reason` reports. */
export interface NumberedLine {
  readonly lineNo: number;
  readonly text: string;
}

/**
 * Streams a recording's lines, gunzipping it when it is gzip-compressed (told by its first two
 * bytes, not its name). Memory stays flat however long the file. Rejects when it cannot be read.
 */
export async function* readRecordingLines(path: string): AsyncGenerator<NumberedLine> {
  const gzipped = await startsWithGzipMagic(path);
  let input: Readable = createReadStream(path);
  if (gzipped) input = input.pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    if (text.trim() !== '') yield { lineNo, text };
  }
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await file.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await file.close();
  }
}
