import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port.ts';

/** A real Mosquitto broker for a test: its own port, its own temporary directory. */
export interface MosquittoHarness {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM: Mosquitto saves its persistence file on the way out). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same persistence file. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/**
 * Starts `mosquitto` (Debian's package) on a free loopback port with persistence in a temporary
 * directory and `max_queued_messages 0` (its default of 1000 drops messages under load).
 */
export async function startMosquitto(binary = 'mosquitto'): Promise<MosquittoHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-mosquitto-'));
  const port = await freePort();
  const configPath = join(dir, 'mosquitto.conf');
  await writeFile(
    configPath,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      // Started as root, Mosquitto drops to its own user and then cannot write its persistence
      // file in our directory; staying the user we are keeps sessions across a restart.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1800',
      'max_queued_messages 0',
      'max_queued_bytes 0',
      'max_inflight_messages 100',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  let stderr = '';

  async function start(): Promise<void> {
    const c = spawn(binary, ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child = c;
    const exited = once(c, 'exit').then(() => {
      throw new Error(`mosquitto exited at start: ${stderr}`);
    });
    await Promise.race([waitForPort(port, 10_000), exited]);
    exited.catch(() => {});
  }

  async function stop(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = once(c, 'exit');
    c.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
