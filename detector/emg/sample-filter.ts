/**
 * The one interface every EMG filter here shares, after @thi.ng/dsp's `IProc`: feed one sample,
 * get one sample back. Filters are stateful and never allocate in `next`.
 */
export interface SampleFilter {
  /** Filters one sample and returns the output sample. */
  next(x: number): number;
  /**
   * Forgets the past. With `x0`, the state becomes the steady state for a constant input `x0`
   * (as if `x0` had been fed forever), so a signal with an offset starts without a step transient.
   */
  reset(x0?: number): void;
}
