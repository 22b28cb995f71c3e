import type { StatusMessage, SummaryMessage } from '../api/live-messages.ts';
import type { DeviceView, LiveSecond } from '../api/types.ts';

/** Seconds of envelope the sparkline shows. */
export const SPARKLINE_SECONDS = 120;

/** What the live view shows of one band. */
export interface BandState {
  readonly id: string;
  name: string | null;
  side: 'left' | 'right' | null;
  tz: string;
  online: boolean | null;
  battery: number | null;
  leadOff: boolean | null;
  live: LiveSecond | null;
  /** The latest envelope values (µV), one a second, oldest first, at most {@link SPARKLINE_SECONDS}. */
  readonly envelope: number[];
}

/**
 * Every band's latest state: seeded from `GET /devices`, then kept current by the WebSocket's
 * `status` and 1 Hz `summary` messages. Pure bookkeeping; the view redraws what changed.
 */
export class BandStates {
  private readonly bands = new Map<string, BandState>();

  constructor(private readonly defaultTz: string) {}

  seed(devices: readonly DeviceView[]): void {
    for (const d of devices) {
      const band = this.band(d.id);
      band.name = d.name;
      band.side = d.side;
      band.tz = d.tz;
      band.online = d.online;
      band.battery = d.battery;
      band.leadOff = d.leadOff;
      if (d.live && (band.live === null || d.live.at > band.live.at)) band.live = d.live;
    }
  }

  status(message: StatusMessage): BandState {
    const band = this.band(message.device);
    if (message.online !== undefined) band.online = message.online;
    if (message.battery !== undefined) band.battery = message.battery;
    if (message.leadOff !== undefined) band.leadOff = message.leadOff;
    return band;
  }

  /**
   * The service repeats a band's latest second every second (`docs/api.md`): only a second newer
   * than the one shown is news, so a band gone quiet leaves the sparkline still rather than
   * drawing its last value again and again.
   */
  summary(message: SummaryMessage): BandState {
    const { type: _type, device, ...second } = message;
    const band = this.band(device);
    if (band.live !== null && second.at <= band.live.at) return band;
    band.live = second;
    // A band whose seconds advance is connected, whatever an older status said.
    band.online = true;
    band.envelope.push(second.envUv);
    if (band.envelope.length > SPARKLINE_SECONDS)
      band.envelope.splice(0, band.envelope.length - SPARKLINE_SECONDS);
    return band;
  }

  get(id: string): BandState | undefined {
    return this.bands.get(id);
  }

  list(): BandState[] {
    return [...this.bands.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Ensures a band is known (the `hello` names the subscribed ones before any of their data). */
  band(id: string): BandState {
    let band = this.bands.get(id);
    if (!band) {
      band = {
        id,
        name: null,
        side: null,
        tz: this.defaultTz,
        online: null,
        battery: null,
        leadOff: null,
        live: null,
        envelope: [],
      };
      this.bands.set(id, band);
    }
    return band;
  }
}
