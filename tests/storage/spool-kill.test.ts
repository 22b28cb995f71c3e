import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSpool } from '../../storage/spool/index.ts';
import type { StoreRecord } from '../../storage/store.ts';
import { captureLog, drain, T0, tempDir } from './fixtures/spool-records.ts';

const APPENDER = fileURLToPath(new URL('./fixtures/spool-appender.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENOUGH = 20_000;

const indexOf = (r: StoreRecord) =>
  ((r.type === 'event' ? r.event.start : r.type === 'second' ? r.second.t : 0) - T0) / 1000;

/**
 * Runs the appender until it has promised `ENOUGH` records, then kills it with SIGKILL wherever
 * it is (mid-append, mid-commit); returns the last appended and committed indices it printed.
 */
function appendUntilKilled(
  dir: string,
): Promise<{ appended: number; committing: number; committed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let appended = -1;
    let committing = -1;
    let committed = -1;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // an unfinished line is not a promise yet
      for (const line of lines) {
        const [kind, n] = line.split(' ');
        if (kind === 'a') appended = Number(n);
        if (kind === 'p') committing = Number(n);
        if (kind === 'c') committed = Number(n);
      }
      if (appended >= ENOUGH && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`appender exited with ${code}: ${stderr}`));
      else resolve({ appended, committing, committed });
    });
  });
}

test('everything append() returned for survives a SIGKILL, in order', { timeout: 60_000 }, async (t) => {
  const dir = tempDir(t);
  const { appended, committing, committed } = await appendUntilKilled(dir);
  assert.ok(appended >= ENOUGH);

  const { log } = captureLog();
  const spool = openSpool({ dir, log });
  const indices = drain(spool).map(indexOf);
  spool.close();
  const first = indices[0]!;
  // The commit in progress at the kill may or may not have moved the cursor; no other.
  assert.ok(
    first >= committed + 1 && first <= committing + 1,
    `first record ${first}, commits ${committed}/${committing}`,
  );
  assert.ok(indices.at(-1)! >= appended, `the last acknowledged record (${appended}) is there`);
  indices.forEach((index, k) => {
    if (index !== first + k) assert.fail(`record ${k} after reopen is ${index}, expected ${first + k}`);
  });
});
