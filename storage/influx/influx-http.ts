import { authHint, InfluxError } from './influx-error.ts';
import type { StatementResult } from './query-result.ts';

/** Where and how to reach InfluxDB's v1 HTTP API. */
export interface InfluxHttpOptions {
  /** Base URL, e.g. `http://127.0.0.1:8086` (a trailing slash is ignored). */
  readonly url: string;
  readonly db: string;
  /** InfluxDB 2.x/3.x token, sent as `Authorization: Token <token>` (their v1-compatible API takes it). */
  readonly token?: string;
  /** InfluxDB 1.x user, sent with the password as HTTP basic auth (kept out of URLs and logs). */
  readonly username?: string;
  readonly password?: string;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * The v1 HTTP API that every InfluxDB major version serves: `POST /write` (line protocol) and
 * `POST /query` (InfluxQL). Plain `fetch`: the `@influxdata/influxdb-client` transport speaks
 * `/api/v2`, which InfluxDB 1.x (Debian's 1.6) lacks.
 */
export interface InfluxHttp {
  /** The base URL, for messages. */
  readonly url: string;
  readonly db: string;
  /** Writes line protocol (timestamps in ms); rejects unless InfluxDB answers 204. */
  write(lines: string): Promise<void>;
  /** Runs statements in one request; rejects if any of them failed. One result per statement. */
  query(statements: readonly string[]): Promise<StatementResult[]>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function createInfluxHttp(options: InfluxHttpOptions): InfluxHttp {
  const url = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Token ${options.token}`;
  else if (options.username !== undefined) {
    const basic = Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  }
  const db = encodeURIComponent(options.db);

  /** One request; every failure becomes an {@link InfluxError} naming `what` and the URL. */
  async function send(path: string, body: string, contentType: string, what: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw transportError(err, url, what, timeoutMs);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw transportError(err, url, what, timeoutMs);
    }
    if (res.status >= 300) {
      const detail = errorDetail(text) || res.statusText;
      throw new InfluxError(
        'http',
        `InfluxDB at ${url}: ${what} failed: HTTP ${res.status}: ${detail}${authHint(res.status)}`,
        { status: res.status },
      );
    }
    return text;
  }

  return {
    url,
    db: options.db,
    async write(lines) {
      await send(
        `/write?db=${db}&precision=ms`,
        lines,
        'text/plain; charset=utf-8',
        `write to "${options.db}"`,
      );
    },
    async query(statements) {
      const q = statements.join(';\n');
      const body = new URLSearchParams({ q }).toString();
      const text = await send(`/query?db=${db}&epoch=ms`, body, 'application/x-www-form-urlencoded', 'query');
      return parseResults(text, url, statements);
    },
  };
}

/** Refused, unresolvable, reset or too slow: the message says which and where. */
function transportError(err: unknown, url: string, what: string, timeoutMs: number): InfluxError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new InfluxError('timeout', `InfluxDB at ${url}: ${what} got no answer within ${timeoutMs} ms`, {
      cause: err,
    });
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const reason =
    cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return new InfluxError('unreachable', `InfluxDB at ${url} is unreachable (${what}): ${reason}`, {
    cause: err,
  });
}

/** InfluxDB's own words: `{"error"}` (1.x), `{"message"}` (2.x), else the text itself. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 500);
}

/** The per-statement results; a failed or truncated statement rejects, naming the statement. */
function parseResults(text: string, url: string, statements: readonly string[]): StatementResult[] {
  let body: { results?: StatementResult[]; error?: string };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new InfluxError(
      'protocol',
      `InfluxDB at ${url}: query answered with non-JSON: ${text.slice(0, 200)}`,
    );
  }
  if (typeof body.error === 'string') {
    throw new InfluxError('statement', `InfluxDB at ${url}: query failed: ${body.error}`);
  }
  // Results carry their statement's index; order by it rather than trusting arrival order.
  const results: StatementResult[] = [];
  (body.results ?? []).forEach((result, i) => {
    results[result.statement_id ?? i] = result;
  });
  results.forEach((result, i) => {
    const problem =
      result.error ?? (result.partial ? 'answer truncated (the server limits rows)' : undefined);
    if (problem !== undefined) {
      const statement = (statements[i] ?? '').slice(0, 200);
      throw new InfluxError('statement', `InfluxDB at ${url}: query failed: ${problem} (in: ${statement})`);
    }
  });
  return results;
}
