import type { EpochMs } from '../protocol/index.ts';
import type { Store, StoreRecord } from '../storage/index.ts';

const RECENT_MS = 24 * 60 * 60_000;

/**
 * After a restart the journal rebuilds the detector from its window only (the last 15 minutes by
 * default). An event that was open when the service stopped and began before that window — a
 * long lead-off the band reported, a cramp longer than the window — is unknown to the rebuilt
 * detector and would stay open in the store for ever, overlapping every later query. This closes
 * such events at the start of the window, the last moment the service can vouch for, and marks
 * them `endUnknown`. Events the rebuilt detector holds open (`stillOpen`) are left alone.
 *
 * Returns the end records to store (empty when the store cannot be read: InfluxDB down at start;
 * then the orphans stay open until a later restart finds them).
 */
export async function closeOrphanedEvents(
  store: Store,
  windowStartMs: EpochMs,
  stillOpen: (device: string) => readonly string[],
): Promise<StoreRecord[]> {
  const records: StoreRecord[] = [];
  for (const device of await store.devices()) {
    // Only bands heard from in the day before the window could have had an event cut by this
    // restart; the rest were looked at by earlier starts (and this keeps a start quick).
    if (device.lastSeen === null || device.lastSeen < windowStartMs - RECENT_MS) continue;
    const open = new Set(stillOpen(device.id));
    const events = await store.events(device.id, windowStartMs, Number.MAX_SAFE_INTEGER);
    for (const event of events) {
      if (event.end !== null || event.start >= windowStartMs || open.has(event.id)) continue;
      records.push({ type: 'event', event: { ...event, end: windowStartMs, endUnknown: true } });
    }
  }
  return records;
}
