import type { EpochMs } from './units.ts';

/**
 * A band's status message (band protocol, "Status"); also its last will `{"v":1,"online":false}`.
 * Optional fields that are missing are unknown.
 */
export interface BandStatus {
  readonly v: 1;
  readonly online: boolean;
  readonly t?: EpochMs;
  /** Battery charge, 0 to 1. */
  readonly battery?: number;
  readonly fw?: string;
  readonly side?: 'left' | 'right';
  /** True while an EMG electrode has lost skin contact: EMG is then meaningless. */
  readonly leadOff?: boolean;
}
