import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** A real InfluxDB 1.x for a test: its own ports, its own temporary directory. */
export interface InfluxHarness {
  /** The HTTP API, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM: influxd flushes its WAL) and waits for the exit. */
  stop(): Promise<void>;
  /** Ends it at once (SIGKILL): a crash; the WAL is replayed on the next start. */
  kill(): Promise<void>;
  /** Starts it again on the same ports with the same directories: the data is kept. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

export interface InfluxHarnessOptions {
  /** The `influxd` program (see `requiredBinary('influxd', 'influxdb')`). */
  readonly binary?: string;
  /** Turns on `auth-enabled`: then create the admin user through `/query` before anything else. */
  readonly auth?: boolean;
}

/**
 * Starts `influxd` (Debian's `influxdb`, 1.6) on free loopback ports, with its meta, data and WAL
 * directories in a temporary directory, reporting and the `_internal` monitor store off, and
 * logging at error level. The RPC `bind-address` (default 8088, used by backup/restore) gets a
 * free port too, so that tests running in parallel never clash on it.
 */
export async function startInfluxdb(options: InfluxHarnessOptions = {}): Promise<InfluxHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-influxdb-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const configPath = join(dir, 'influxdb.conf');
  await writeFile(configPath, influxConfig(dir, port, rpcPort, options.auth ?? false));
  const url = `http://127.0.0.1:${port}`;
  const binary = options.binary ?? 'influxd';
  let child: ChildProcess | undefined;
  let stderr = '';

  async function start(): Promise<void> {
    const c = spawn(binary, ['-config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child = c;
    const exited = once(c, 'exit').then(([code]) => {
      throw new Error(`influxd exited at start (${code}): ${stderr}`);
    });
    exited.catch(() => {});
    try {
      await Promise.race([waitForPing(url, 20_000), exited]);
    } catch (err) {
      c.kill('SIGKILL'); // never leave a half-started influxd behind
      child = undefined;
      throw err;
    }
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = once(c, 'exit');
    c.kill(signal);
    await exited;
  }

  try {
    await start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    restart: start,
    async dispose() {
      await end('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The whole configuration: every path inside `dir`, both listeners on loopback. */
function influxConfig(dir: string, port: number, rpcPort: number, auth: boolean): string {
  return [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]',
    `  dir = "${join(dir, 'meta')}"`,
    '  logging-enabled = false',
    '[data]',
    `  dir = "${join(dir, 'data')}"`,
    `  wal-dir = "${join(dir, 'wal')}"`,
    '  query-log-enabled = false',
    '  trace-logging-enabled = false',
    '[monitor]',
    '  store-enabled = false',
    '[continuous_queries]',
    '  enabled = false',
    '[subscriber]',
    '  enabled = false',
    '[http]',
    `  bind-address = "127.0.0.1:${port}"`,
    `  auth-enabled = ${auth}`,
    '  log-enabled = false',
    '  pprof-enabled = false',
    '[logging]',
    '  level = "error"',
    '  suppress-logo = true',
    '',
  ].join('\n');
}

/** Resolves once `GET /ping` answers 204 (influxd listens before it has opened its shards). */
async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`influxd at ${url} did not answer /ping within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
