import WebSocket from 'ws';

/** A message from the live WebSocket, loosely typed for assertions. */
export type Received = { type: string; [field: string]: unknown };

/**
 * A real WebSocket client (the `ws` package) that records what it receives, for tests: `waitFor`
 * resolves with the first message (already received or to come) that matches.
 */
export class LiveTestClient {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Received);
      for (const wake of this.waiters) wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects and waits for `hello`, after which the server has subscribed the client. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<LiveTestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new LiveTestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    });
    await client.waitFor((m) => m.type === 'hello');
    return client;
  }

  /** The messages of one type received so far. */
  ofType(type: string): Received[] {
    return this.received.filter((m) => m.type === type);
  }

  waitFor(match: (m: Received) => boolean, timeoutMs = 5000): Promise<Received> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.closed !== undefined) {
          done();
          reject(new Error(`closed (${this.closed.code}) before the awaited message`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.received)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.closed !== undefined) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closed;
  }
}

/** What the server answers an upgrade it refuses: the status and the error body. */
export function refusal(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => {
        socket.terminate();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) });
      });
    });
    socket.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
