/**
 * The timer seam of the durable writer's flush loop: the real one in the service, a hand-driven
 * one in tests, which then count retries exactly instead of measuring time.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unreferenced: a pending flush never keeps the process alive on its own. */
export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
