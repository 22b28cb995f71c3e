import { el } from '../dom/el.ts';
import { formatDuration } from '../format/duration.ts';
import { formatClock } from '../format/zoned-time.ts';
import type { CrampAlert } from './cramp-alerts.ts';

export interface AlertBannerDeps {
  /** The band's name as the user knows it, and its time zone. */
  readonly band: (device: string) => { label: string; tz: string };
  readonly onDismiss: (id: string) => void;
}

interface Banner {
  readonly root: HTMLElement;
  readonly headline: HTMLElement;
  readonly duration: HTMLElement;
  readonly detail: HTMLElement;
}

/**
 * The cramp banners at the top of every view, one per cramp. Each is `role=alert`, so a screen
 * reader announces a cramp as it starts and again when it ends; the running duration is
 * `aria-live=off` so it is not read out every second.
 */
export function createAlertBanners(deps: AlertBannerDeps) {
  const element = el('section', { class: 'alerts', 'aria-label': 'Cramp alerts' });
  const banners = new Map<string, Banner>();

  const create = (alert: CrampAlert): Banner => {
    const { label } = deps.band(alert.device);
    const headline = el('strong', { class: 'alert-headline' });
    const duration = el('span', { class: 'alert-duration', 'aria-live': 'off' });
    const detail = el('span', { class: 'alert-detail' });
    const dismiss = el(
      'button',
      { type: 'button', class: 'dismiss', 'aria-label': `Dismiss the alert for the cramp on ${label}` },
      '✕',
    );
    const root = el(
      'div',
      { class: 'alert-banner', role: 'alert', 'data-event-id': alert.id },
      el('div', { class: 'alert-text' }, headline, duration, detail),
      dismiss,
    );
    dismiss.addEventListener('click', () => {
      root.remove();
      banners.delete(alert.id);
      deps.onDismiss(alert.id);
    });
    element.prepend(root);
    return { root, headline, duration, detail };
  };

  const render = (alert: CrampAlert) => {
    let banner = banners.get(alert.id);
    if (!banner) {
      banner = create(alert);
      banners.set(alert.id, banner);
    }
    const { label, tz } = deps.band(alert.device);
    banner.root.classList.toggle('ended', alert.ended);
    setText(
      banner.headline,
      alert.ended ? `Cramp on ${label} ended after ${formatDuration(alert.durationMs)}` : `Cramp on ${label}`,
    );
    setText(banner.duration, alert.ended ? '' : `${formatDuration(alert.durationMs)} so far`);
    banner.duration.hidden = alert.ended;
    const peak = alert.peakUv === undefined ? '' : ` · peak ${Math.round(alert.peakUv)} µV`;
    setText(banner.detail, `began ${formatClock(alert.startMs, tz)}${peak}`);
  };

  return { element, render };
}

/** Touches the DOM only on a change, so live regions announce changes, not repaints. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
