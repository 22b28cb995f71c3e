import type { CrampWatchEvent, LiveSecond } from './types.ts';

/** What the live WebSocket sends (`docs/api.md`, "Live"): one JSON object per message. */
export type LiveMessage = HelloMessage | AlertMessage | StatusMessage | SummaryMessage;

export interface HelloMessage {
  readonly type: 'hello';
  /** The latest alert seq the service has given out. */
  readonly seq: number;
  readonly devices: readonly string[];
}

export interface AlertMessage {
  readonly type: 'alert';
  /** Increases by one per alert across the service. */
  readonly seq: number;
  readonly phase: 'start' | 'update' | 'end';
  readonly event: CrampWatchEvent;
  /** Band time the phase was found at, when the service passes it on. */
  readonly at?: number;
}

export interface StatusMessage {
  readonly type: 'status';
  readonly device: string;
  readonly online?: boolean;
  /** 0–1, or null when the band did not say. */
  readonly battery?: number | null;
  readonly leadOff?: boolean | null;
  readonly at: number;
}

export interface SummaryMessage extends LiveSecond {
  readonly type: 'summary';
  readonly device: string;
}

const TYPES = new Set(['hello', 'alert', 'status', 'summary']);

/** Reads one message; anything not of a known type is ignored (undefined), never thrown. */
export function parseLiveMessage(text: string): LiveMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !TYPES.has(type)) return undefined;
  if (type === 'alert') {
    const { seq, event } = value as { seq?: unknown; event?: unknown };
    if (typeof seq !== 'number' || typeof event !== 'object' || event === null) return undefined;
  }
  if ((type === 'status' || type === 'summary') && typeof (value as { device?: unknown }).device !== 'string')
    return undefined;
  return value as LiveMessage;
}
