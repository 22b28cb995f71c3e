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
    const text = asText(cut, cut.length < payload.length);
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

/** The bytes as UTF-8 text, or undefined; after a cut, minus the part of a character it split. */
function asText(bytes: Uint8Array, cut: boolean): string | undefined {
  try {
    return strictUtf8.decode(cut ? bytes.subarray(0, bytes.length - splitCharacterBytes(bytes)) : bytes);
  } catch {
    return undefined;
  }
}

/** How many bytes at the end begin a multi-byte character that does not finish (RFC 3629 §4). */
function splitCharacterBytes(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if (b >= 0x80 && b <= 0xbf) continue; // a continuation byte: look further back for the lead
    if (b < 0xc2 || b > 0xf4) return 0; // ASCII, or no valid lead byte
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return length > k ? k : 0;
  }
  return 0;
}
