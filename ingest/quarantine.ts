import type { EpochMs, Rejection } from '../protocol/index.ts';

/** A refused message kept for an operator: what came, where, when, and the rule it broke. */
export interface QuarantinedMessage {
  readonly at: EpochMs;
  readonly topic: string;
  /** The payload as UTF-8 text when it is valid text, else base64; cut to `maxPayloadBytes`. */
  readonly payload: string;
  readonly payloadEncoding: 'utf8' | 'base64';
  readonly payloadBytes: number;
  readonly truncated: boolean;
  readonly reason: Rejection;
}

export interface QuarantineOptions {
  readonly capacity: number;
  readonly maxPayloadBytes: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A bounded ring of the most recent refused messages. Memory is capped by capacity times the
 * payload cut, however much garbage arrives.
 */
export class Quarantine {
  private readonly ring: QuarantinedMessage[] = [];
  private next = 0;
  /** Messages refused since start, including those the ring no longer holds. */
  total = 0;

  constructor(private readonly options: QuarantineOptions = { capacity: 1000, maxPayloadBytes: 4096 }) {}

  add(at: EpochMs, topic: string, payload: Uint8Array, reason: Rejection): void {
    const cut = payload.subarray(0, this.options.maxPayloadBytes);
    const text = asText(cut);
    const entry: QuarantinedMessage = {
      at,
      topic,
      payload: text ?? Buffer.from(cut).toString('base64'),
      payloadEncoding: text === undefined ? 'base64' : 'utf8',
      payloadBytes: payload.length,
      truncated: cut.length < payload.length,
      reason,
    };
    if (this.ring.length < this.options.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.options.capacity;
    this.total++;
  }

  /** The kept messages, newest first. */
  list(limit = this.options.capacity): QuarantinedMessage[] {
    const out: QuarantinedMessage[] = [];
    const n = this.ring.length;
    for (let i = 1; i <= Math.min(limit, n); i++) out.push(this.ring[(this.next - i + n) % n]!);
    return out;
  }

  get size(): number {
    return this.ring.length;
  }
}

function asText(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
