import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRecordingWriter, readRecordingLines } from '../../recording/index.ts';

test('a recording written plain or gzip-compressed reads back line for line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-rec-'));
  try {
    for (const name of ['night.jsonl', 'night.jsonl.gz']) {
      const path = join(dir, name);
      const writer = createRecordingWriter(path);
      await writer.write('crampwatch/v1/band-1/status', '{"v":1,"online":true}');
      await writer.write('crampwatch/v1/band-1/frame', new Uint8Array([0x4c, 0x42, 1]));
      await writer.close();
      const lines = [];
      for await (const line of readRecordingLines(path)) lines.push(line);
      assert.deepEqual(lines, [
        { lineNo: 1, text: '{"topic":"crampwatch/v1/band-1/status","payload":{"v":1,"online":true}}' },
        { lineNo: 2, text: '{"topic":"crampwatch/v1/band-1/frame","payloadBase64":"TEIB"}' },
      ]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writing where no file can be made rejects with the path, and does not hang', async () => {
  const writer = createRecordingWriter('/nonexistent-crampwatch-dir/night.jsonl');
  await assert.rejects(
    (async () => {
      await writer.write('crampwatch/v1/band-1/status', '{"v":1,"online":true}');
      await writer.close();
    })(),
    /nonexistent-crampwatch-dir/,
  );
});
