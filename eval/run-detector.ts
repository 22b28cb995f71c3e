/**
 * Runs CrampWatch's detector on a recording through its public contract, the `analyze` command
 * (`shared/spec/events-and-recordings.md`): once for final events, once with `--phases` for the
 * live alert phases. Nothing here knows the detector's internals.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrampWatchEvent } from '../protocol/index.ts';
import type { AlertPhase, DetectionsOrError } from './detections.ts';

const CLI = fileURLToPath(new URL('../bin/crampwatch.js', import.meta.url));

/** Final events and phases, or the reason the command failed (exit status and its stderr's tail). */
export async function runDetector(path: string, topicPrefix: string): Promise<DetectionsOrError> {
  const args = ['analyze', path, '--topic-prefix', topicPrefix];
  const final = await runCli(args);
  if ('error' in final) return final;
  const live = await runCli([...args, '--phases']);
  if ('error' in live) return live;
  try {
    return { events: final.lines.map(toEvent), phases: live.lines.map(toPhase) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function runCli(args: string[]): Promise<{ lines: unknown[] } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errTail = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    // stderr carries one line per input problem (`line N: reason`): keep only the tail.
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      errTail = (errTail + s).slice(-2000);
    });
    child.on('error', (err) => resolve({ error: err.message }));
    child.on('close', (code) => {
      if (code !== 0) {
        resolve({
          error: `crampwatch ${args.join(' ')} exited ${code}: ${errTail.trim().split('\n').at(-1)}`,
        });
        return;
      }
      try {
        const lines = out
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown);
        resolve({ lines });
      } catch (err) {
        resolve({ error: `crampwatch ${args[0]}: output is not JSON Lines (${String(err)})` });
      }
    });
  });
}

/** Checks the fields the evaluation relies on; anything else on the event is kept as is. */
export function toEvent(x: unknown): CrampWatchEvent {
  if (typeof x !== 'object' || x === null) throw new Error(`not an event: ${JSON.stringify(x)}`);
  const e = x as Record<string, unknown>;
  if (typeof e.device !== 'string' || typeof e.kind !== 'string' || typeof e.start !== 'number') {
    throw new Error(`event without device, kind or start: ${JSON.stringify(x).slice(0, 200)}`);
  }
  const end = typeof e.end === 'number' ? e.end : null;
  return {
    ...e,
    id: String(e.id),
    device: e.device,
    kind: e.kind,
    start: e.start,
    end,
    late: e.late === true,
  };
}

export function toPhase(x: unknown): AlertPhase {
  const p = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  if ((p.phase !== 'start' && p.phase !== 'update' && p.phase !== 'end') || typeof p.at !== 'number') {
    throw new Error(`not an alert phase: ${JSON.stringify(x).slice(0, 200)}`);
  }
  return { phase: p.phase, at: p.at, event: toEvent(p.event) };
}
