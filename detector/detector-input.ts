import type { BandStatus, EpochMs, Frame } from '../protocol/index.ts';

/**
 * What the detector takes, per band, in arrival order: the ingest's items (structurally the
 * same, so the ingest's items can be passed as they are). Frames carry whether they came late.
 */
export type DetectorInput =
  | { readonly kind: 'frame'; readonly frame: Frame; readonly late: boolean }
  | { readonly kind: 'gap'; readonly fromMs: EpochMs; readonly toMs: EpochMs }
  | { readonly kind: 'reboot' }
  | { readonly kind: 'status'; readonly status: BandStatus; readonly receivedAt: EpochMs };
