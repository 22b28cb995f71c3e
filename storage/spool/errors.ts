/**
 * The spool and its reserve are full: nothing of the batch was written. The ingest must not
 * acknowledge the message that produced it, so the broker keeps it (at least once, MQTT 3.1.1
 * §4.3.2) until the store has taken enough of the backlog.
 */
export class SpoolFullError extends Error {
  readonly code = 'CRAMPWATCH_SPOOL_FULL';
  constructor(
    readonly pendingBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `spool full: ${pendingBytes} bytes waiting for the store, limit ${limitBytes} bytes including the reserve for events and status`,
    );
    this.name = 'SpoolFullError';
  }
}

/** The spool was used after `close()`. */
export class SpoolClosedError extends Error {
  readonly code = 'CRAMPWATCH_SPOOL_CLOSED';
  constructor() {
    super('spool is closed');
    this.name = 'SpoolClosedError';
  }
}
