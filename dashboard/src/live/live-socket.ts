import { type LiveMessage, parseLiveMessage } from '../api/live-messages.ts';
import { type BackoffOptions, backoffDelayMs, LIVE_BACKOFF } from './backoff.ts';

export type SocketState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  | { readonly kind: 'waiting'; readonly retryAtMs: number };

export interface LiveSocketDeps {
  /** The WebSocket URL for a connection that resumes after alert `since` (undefined: from now). */
  readonly url: (since: number | undefined) => string;
  readonly onMessage: (message: LiveMessage) => void;
  readonly onState: (state: SocketState) => void;
  readonly backoff?: BackoffOptions;
  readonly createSocket?: (url: string, handlers: SocketHandlers) => { close(): void };
  /** Timers and clock (the browser's by default), injectable for tests. */
  readonly timers?: Timers;
}

/** What the live connection wants to hear from a WebSocket. */
export interface SocketHandlers {
  message(data: unknown): void;
  close(): void;
}

function browserSocket(url: string, handlers: SocketHandlers): { close(): void } {
  const ws = new WebSocket(url);
  ws.onmessage = (e) => handlers.message(e.data);
  ws.onclose = () => handlers.close();
  return ws;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
  random(): number;
}

const browserTimers: Timers = {
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => window.clearTimeout(id),
  now: () => Date.now(),
  random: () => Math.random(),
};

export interface LiveSocket {
  start(): void;
  stop(): void;
}

/**
 * The live connection: reconnects after any close with a growing delay, asking for the alerts
 * it missed (`since=<last seq seen>`, `docs/api.md`), so a cramp that started while the phone
 * was off the network still reaches the page. The backoff restarts once a connection has been
 * useful (its `hello` arrived).
 */
export function createLiveSocket(deps: LiveSocketDeps): LiveSocket {
  const backoff = deps.backoff ?? LIVE_BACKOFF;
  const createSocket = deps.createSocket ?? browserSocket;
  const timers = deps.timers ?? browserTimers;
  let socket: { close(): void } | undefined;
  let timer: number | undefined;
  let attempt = 0;
  let lastSeq: number | undefined;
  let stopped = true;

  const connect = () => {
    timer = undefined;
    deps.onState({ kind: 'connecting' });
    const ws = createSocket(deps.url(lastSeq), {
      message: (data) => {
        const message = typeof data === 'string' ? parseLiveMessage(data) : undefined;
        if (!message) return;
        if (message.type === 'hello') {
          attempt = 0;
          deps.onState({ kind: 'open' });
          // Nothing seen yet: from now on, "missed" means after the service's latest alert. A
          // service behind what we saw has restarted and numbers from 1 again: take all it sends.
          if (lastSeq === undefined) lastSeq = message.seq;
          else if (message.seq < lastSeq) lastSeq = 0;
        } else if (message.type === 'alert') {
          if (lastSeq !== undefined && message.seq <= lastSeq) return; // already seen before a reconnect
          lastSeq = message.seq;
        }
        deps.onMessage(message);
      },
      close: () => {
        if (socket !== ws) return;
        socket = undefined;
        if (!stopped) scheduleReconnect();
      },
    });
    socket = ws;
  };

  const scheduleReconnect = () => {
    const delayMs = backoffDelayMs(attempt++, backoff, timers.random);
    deps.onState({ kind: 'waiting', retryAtMs: timers.now() + delayMs });
    timer = timers.setTimeout(connect, delayMs);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      const ws = socket;
      socket = undefined;
      ws?.close();
    },
  };
}

/** The live endpoint's URL on the page's own host (ws: or wss: to match http: or https:). */
export function liveUrl(pageHref: string, token: string | null, since: number | undefined): string {
  const url = new URL('api/v1/live', pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  if (token) url.searchParams.set('token', token);
  if (since !== undefined) url.searchParams.set('since', String(since));
  return url.toString();
}
