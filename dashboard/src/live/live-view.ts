import { el, replaceChildren } from '../dom/el.ts';
import { createAlertSettings } from './alert-settings.ts';
import { createBandCard } from './band-card.ts';
import type { BandState } from './band-states.ts';
import type { Beeper } from './beep.ts';
import type { LiveHub } from './live-hub.ts';
import type { SocketState } from './live-socket.ts';
import type { Notifier } from './notifier.ts';

export interface LiveViewDeps {
  readonly hub: LiveHub;
  readonly beeper: Beeper;
  readonly notifier: Notifier;
}

/** The live view: one card per band, kept current by the hub; returns the element and its teardown. */
export function mountLiveView(deps: LiveViewDeps): { element: HTMLElement; unmount: () => void } {
  const { hub } = deps;
  const connection = el('p', { class: 'connection', 'aria-live': 'polite' });
  const grid = el('div', { class: 'band-grid' });
  const empty = el('p', { class: 'empty' }, 'No band has sent anything yet. Put one on and switch it on.');
  const cards = new Map<string, ReturnType<typeof createBandCard>>();
  let timer: number | undefined;

  const showBand = (band: BandState) => {
    let card = cards.get(band.id);
    if (card) card.update(band);
    else {
      card = createBandCard(band);
      cards.set(band.id, card);
      const ordered = [...cards.keys()].sort();
      grid.insertBefore(
        card.element,
        cards.get(ordered[ordered.indexOf(band.id) + 1] ?? '')?.element ?? null,
      );
    }
    empty.hidden = true;
  };

  const showState = (state: SocketState) => {
    window.clearTimeout(timer);
    connection.dataset['state'] = state.kind;
    if (state.kind === 'open') connection.textContent = 'Live: connected';
    else if (state.kind === 'connecting') connection.textContent = 'Live: connecting…';
    else {
      const seconds = Math.max(0, Math.ceil((state.retryAtMs - Date.now()) / 1000));
      connection.textContent = `Live: connection lost, retrying in ${seconds} s`;
      timer = window.setTimeout(() => showState(state), 1000);
    }
  };

  const element = el(
    'section',
    { class: 'view live-view', 'aria-labelledby': 'live-title' },
    el('div', { class: 'view-head' }, el('h1', { id: 'live-title' }, 'Live'), connection),
    createAlertSettings(deps.beeper, deps.notifier),
    empty,
    grid,
  );
  for (const band of hub.bands.list()) showBand(band);
  showState(hub.state());
  const offBand = hub.onBand(showBand);
  const offState = hub.onState(showState);
  // Canvases measure 0 until the view is in the document: draw once it is.
  requestAnimationFrame(() => {
    for (const band of hub.bands.list()) cards.get(band.id)?.update(band);
  });
  return {
    element,
    unmount() {
      offBand();
      offState();
      window.clearTimeout(timer);
      replaceChildren(grid);
    },
  };
}
