import type { AlertMessage, LiveMessage } from '../api/live-messages.ts';
import type { DeviceView } from '../api/types.ts';
import { formatDuration } from '../format/duration.ts';
import { bandLabel } from './band-card.ts';
import { type BandState, BandStates } from './band-states.ts';
import type { Beeper } from './beep.ts';
import { type CrampAlert, CrampAlerts } from './cramp-alerts.ts';
import { createLiveSocket, type SocketState } from './live-socket.ts';
import type { Notifier } from './notifier.ts';

export interface LiveHubDeps {
  /** The WebSocket URL resuming after alert `since`. */
  readonly url: (since: number | undefined) => string;
  readonly defaultTz: string;
  readonly beeper: Beeper;
  readonly notifier: Notifier;
  /** Shows an alert (the banners at the top of every view). */
  readonly showAlert: (alert: CrampAlert) => void;
}

/**
 * The page's one live connection and what it keeps: every band's latest state and the cramp
 * alerts. Alerts reach the banner, the speaker and the notification whatever view is open;
 * the live view listens for band changes while it is shown.
 */
export function createLiveHub(deps: LiveHubDeps) {
  const bands = new BandStates(deps.defaultTz);
  const alerts = new CrampAlerts();
  const bandListeners = new Set<(band: BandState) => void>();
  const stateListeners = new Set<(state: SocketState) => void>();
  let state: SocketState = { kind: 'connecting' };

  const bandChanged = (band: BandState) => {
    for (const listener of bandListeners) listener(band);
  };

  const alert = (message: AlertMessage) => {
    const applied = alerts.apply(message, bands.get(message.event.device)?.live?.at);
    if (!applied) return;
    const { alert: a, isNew } = applied;
    deps.showAlert(a);
    const label = bandLabel(bands.band(a.device));
    if (isNew && !a.ended) {
      deps.beeper.beep();
      deps.notifier.notify(`Cramp on ${label}`, 'A cramp has started.', a.id);
    } else if (a.ended && message.phase === 'end') {
      deps.notifier.notify(`Cramp on ${label} ended`, `It lasted ${formatDuration(a.durationMs)}.`, a.id);
    }
  };

  const onMessage = (message: LiveMessage) => {
    switch (message.type) {
      case 'hello':
        for (const id of message.devices) bandChanged(bands.band(id));
        break;
      case 'status':
        bandChanged(bands.status(message));
        break;
      case 'summary': {
        bandChanged(bands.summary(message));
        for (const moved of alerts.tick(message.device, message.at)) deps.showAlert(moved);
        break;
      }
      case 'alert':
        alert(message);
        break;
    }
  };

  const socket = createLiveSocket({
    url: deps.url,
    onMessage,
    onState: (next) => {
      state = next;
      for (const listener of stateListeners) listener(next);
    },
  });

  return {
    bands,
    /** Seeds the bands (and cramps already going on) from `GET /devices`. */
    seed(devices: readonly DeviceView[]) {
      bands.seed(devices);
      for (const d of devices) {
        bandChanged(bands.band(d.id));
        for (const event of d.activeEvents) alert({ type: 'alert', seq: -1, phase: 'start', event });
      }
    },
    dismiss: (id: string) => alerts.dismiss(id),
    start: () => socket.start(),
    stop: () => socket.stop(),
    state: () => state,
    onBand(listener: (band: BandState) => void): () => void {
      bandListeners.add(listener);
      return () => bandListeners.delete(listener);
    },
    onState(listener: (state: SocketState) => void): () => void {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
