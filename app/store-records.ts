import type { DetectorOutput, SecondSummary } from '../detector/index.ts';
import type { IngestItem } from '../ingest/index.ts';
import type { DeviceId, EpochMs } from '../protocol/index.ts';
import type { StoreRecord } from '../storage/index.ts';

/** A band's "last seen" is stored at most this often from its frames (status messages always). */
export const SEEN_EVERY_MS = 10_000;

/**
 * Turns what one message produced — the ingest's items, the detector's alert phases and
 * per-second summaries — into the records the store keeps, in the order they happened. Every
 * phase of an event is a record (the store upserts by id: the last one wins).
 */
export class StoreRecordCollector {
  private records: StoreRecord[] = [];
  private readonly seenWritten = new Map<DeviceId, EpochMs>();

  item(item: IngestItem): void {
    if (item.kind === 'status') {
      const { status } = item;
      this.records.push({
        type: 'status',
        status: {
          device: item.device,
          t: item.receivedAt,
          online: status.online,
          ...(status.battery === undefined ? {} : { battery: status.battery }),
          ...(status.fw === undefined ? {} : { fw: status.fw }),
          ...(status.side === undefined ? {} : { side: status.side }),
          ...(status.leadOff === undefined ? {} : { leadOff: status.leadOff }),
        },
      });
    } else if (item.kind === 'frame') {
      const last = this.seenWritten.get(item.device);
      if (last === undefined || item.receivedAt - last >= SEEN_EVERY_MS) {
        this.seenWritten.set(item.device, item.receivedAt);
        this.records.push({
          type: 'status',
          status: { device: item.device, t: item.receivedAt, seenOnly: true },
        });
      }
    }
  }

  output(output: DetectorOutput): void {
    this.records.push({ type: 'event', event: output.event });
  }

  second(summary: SecondSummary): void {
    this.records.push({ type: 'second', second: summary });
  }

  counters(t: EpochMs, totals: ReadonlyArray<{ device: DeviceId; counts: Record<string, number> }>): void {
    for (const { device, counts } of totals)
      this.records.push({ type: 'counters', counters: { device, t, counts } });
  }

  /** The records collected since the last call. */
  take(): StoreRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }
}
