import type { Writable } from 'node:stream';

/**
 * Coalesces the PUBACKs of a burst of messages into one socket write. mqtt.js writes every
 * PUBACK on its own (mqtt-packet corks and uncorks around each packet), one syscall per message,
 * which in a backlog drain cost about a sixth of the ingest's CPU. Holding the socket corked
 * while a burst is handled sends the same acknowledgements, in the same order and each still
 * after its message was handed on (MQTT 3.1.1 §4.3.2 only asks that it follows the PUBLISH) —
 * just up to `maxHeld` messages or one event-loop turn later.
 */
export class AckBatcher {
  private corked: Writable | undefined;
  private held = 0;

  /** @param maxHeld messages whose acknowledgements are held at most, so the broker's in-flight window keeps moving */
  constructor(private readonly maxHeld: number) {}

  /** Call as a message comes in: corks `stream`, so its acknowledgement waits for the burst's. */
  hold(stream: Writable): void {
    if (this.corked === stream) {
      if (++this.held < this.maxHeld) return;
      this.release();
    } else if (this.corked) this.release();
    this.corked = stream;
    this.held = 1;
    stream.cork();
    setImmediate(this.releaseTurn, stream);
  }

  /** Writes what is held. */
  release(): void {
    const stream = this.corked;
    this.corked = undefined;
    this.held = 0;
    stream?.uncork();
  }

  private readonly releaseTurn = (stream: Writable): void => {
    if (this.corked === stream) this.release();
  };
}
