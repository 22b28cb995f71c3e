import type { EpochMs } from '../../protocol/index.ts';

/** What a band hands its gateway, in the band's own order and time. */
export type BandMessage = BandFrameMessage | BandStatusMessage;

export interface BandFrameMessage {
  readonly kind: 'frame';
  readonly topic: string;
  readonly payload: Uint8Array | string;
  /** When the band has it ready: the frame's end, ms of the night. */
  readonly atMs: number;
  readonly boot: number;
  readonly seq: number;
  readonly t0: EpochMs;
  readonly spanMs: number;
}

export interface BandStatusMessage {
  readonly kind: 'status';
  readonly topic: string;
  readonly payload: string;
  readonly atMs: number;
  /** The band's goodbye at the end of the night, `{"v":1,"online":false}`. */
  readonly offline: boolean;
}
