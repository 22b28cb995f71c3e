import type { DetectorOutput } from '../detector/index.ts';

export type AlertListener = (output: DetectorOutput) => void;

/**
 * The in-process fan-out of the detector's alert phases (live and late alike; listeners decide):
 * the MQTT event topic, the demo's printer, and the API's WebSocket later. A listener that throws
 * is removed from nothing and never stops the others.
 */
export class AlertHub {
  private readonly listeners = new Set<AlertListener>();

  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(output: DetectorOutput, onError: (err: unknown) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(output);
      } catch (err) {
        onError(err);
      }
    }
  }
}
