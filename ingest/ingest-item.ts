import type { BandStatus, DeviceId, EpochMs, Frame } from '../protocol/index.ts';

/** A frame accepted by the ingest, handed on in arrival order per device. */
export interface FrameItem {
  readonly kind: 'frame';
  readonly device: DeviceId;
  readonly frame: Frame;
  /** Arrived after newer frames of the band (filling a gap), or far behind the band's usual delay. */
  readonly late: boolean;
  readonly receivedAt: EpochMs;
}

/**
 * Frames of one boot that have not arrived (a jump in `seq`), handed on just before the frame
 * that revealed them. The samples between `fromMs` and `toMs` are missing, not quiet.
 */
export interface GapItem {
  readonly kind: 'gap';
  readonly device: DeviceId;
  readonly boot: number;
  /** First missing seq (wraps at 2^32) and how many frames are missing. */
  readonly firstSeq: number;
  readonly missingFrames: number;
  readonly fromMs: EpochMs;
  readonly toMs: EpochMs;
}

/** The band restarted: frames now come with a new `boot` and a fresh `seq`. */
export interface RebootItem {
  readonly kind: 'reboot';
  readonly device: DeviceId;
  readonly previousBoot: number;
  readonly boot: number;
}

/** A status message from the band (or its last will). */
export interface StatusItem {
  readonly kind: 'status';
  readonly device: DeviceId;
  readonly status: BandStatus;
  readonly receivedAt: EpochMs;
}

/** What the ingest hands on to the stages after it. */
export type IngestItem = FrameItem | GapItem | RebootItem | StatusItem;

/** The MQTT message an accepted batch of items came from, as received. */
export interface AcceptedMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly receivedAt: EpochMs;
}

/**
 * Where the ingest hands items on, with the message they came from. The MQTT message is
 * acknowledged only once this has returned (or its promise resolved): at-least-once processing.
 */
export type IngestSink = (items: readonly IngestItem[], message: AcceptedMessage) => void | Promise<void>;
