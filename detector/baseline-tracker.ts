/**
 * The resting EMG baseline of one band: a low percentile of per-second envelope medians over
 * the last minutes, fed only with quiet seconds (no burst, no movement, no lead-off) so that the
 * events it must find never pull it up (detector notes, "Suggested rules"). Tracks slow drift.
 */
/** Until this many quiet seconds are held the baseline is recomputed every second… */
const WARM_SECONDS = 60;
/** …then every this many quiet seconds. */
const UPDATE_EVERY_SECONDS = 5;

export class BaselineTracker {
  private readonly seconds: Float32Array;
  private count = 0;
  private next = 0;
  private readonly second: number[] = [];
  private value: number | undefined;
  private readonly scratch: Float32Array;
  private secondsSinceUpdate = 0;

  constructor(
    windowSeconds: number,
    private readonly percentile: number,
    private readonly epochsPerSecond = 10,
  ) {
    this.seconds = new Float32Array(windowSeconds);
    this.scratch = new Float32Array(windowSeconds);
  }

  /** Feeds the envelope of one quiet epoch. */
  addQuiet(envelopeUv: number): void {
    this.second.push(envelopeUv);
    if (this.second.length < this.epochsPerSecond) return;
    this.second.sort((a, b) => a - b);
    this.seconds[this.next] = this.second[this.second.length >> 1]!;
    this.second.length = 0;
    this.next = (this.next + 1) % this.seconds.length;
    this.count = Math.min(this.count + 1, this.seconds.length);
    // The percentile of minutes of history moves slowly: sorting the window every 5 quiet seconds
    // (every second while it fills) cut its cost about fivefold with no change in the events.
    if (this.count >= WARM_SECONDS && ++this.secondsSinceUpdate < UPDATE_EVERY_SECONDS) return;
    this.secondsSinceUpdate = 0;
    const window = this.scratch.subarray(0, this.count);
    window.set(this.seconds.subarray(0, this.count));
    window.sort();
    this.value = window[Math.min(this.count - 1, Math.floor(this.percentile * this.count))]!;
  }

  /** Starts from a known baseline (a late upload's detector takes the live one's) until its own quiet seconds come. */
  seed(uv: number | undefined): void {
    if (this.value === undefined && uv !== undefined) this.value = uv;
  }

  /** The baseline in µV, or undefined before the first quiet second. */
  get uv(): number | undefined {
    return this.value;
  }
}
