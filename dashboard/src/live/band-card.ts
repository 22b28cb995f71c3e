import type { Foot, SignalQuality } from '../api/types.ts';
import { el, replaceChildren } from '../dom/el.ts';
import { formatClock } from '../format/zoned-time.ts';
import { type BandState, SPARKLINE_SECONDS } from './band-states.ts';
import { drawSparkline } from './sparkline.ts';

const FOOT: Record<Foot, string> = {
  plantar_flexed: 'Pointed (plantar-flexed)',
  neutral: 'Neutral',
  unknown: 'Unknown',
};

const QUALITY: Record<SignalQuality, string> = { good: 'Good', noisy: 'Noisy', lead_off: 'Electrode off' };

/** The name a band goes by: the wearer's name for it, else its id (with its side when known). */
export function bandLabel(band: Pick<BandState, 'id' | 'name' | 'side'>): string {
  const name = band.name ?? band.id;
  return band.side ? `${name} (${band.side})` : name;
}

/** One band's card in the live view: connection, battery, signal, foot, and the envelope sparkline. */
export function createBandCard(band: BandState) {
  const title = el('h2', { class: 'band-title' });
  const facts = el('dl', { class: 'band-facts' });
  const canvas = el('canvas', { class: 'sparkline', role: 'img' });
  const element = el(
    'article',
    { class: 'band-card', 'data-device': band.id },
    title,
    facts,
    el('figure', { class: 'sparkline-box' }, canvas, el('figcaption', {}, 'EMG envelope, last 2 minutes')),
  );

  const update = (b: BandState) => {
    title.textContent = bandLabel(b);
    const live = b.live;
    const connection = b.online === null ? 'Unknown' : b.online ? 'Connected' : 'Offline';
    const quality = b.leadOff ? 'lead_off' : live?.quality;
    replaceChildren(
      facts,
      ...fact('Connection', connection, b.online === false ? 'bad' : b.online ? 'good' : undefined),
      ...fact(
        'Battery',
        b.battery === null ? '—' : `${Math.round(b.battery * 100)} %`,
        lowBattery(b.battery),
      ),
      ...fact(
        'Signal',
        quality ? QUALITY[quality] : '—',
        quality === 'good' ? 'good' : quality ? 'bad' : undefined,
      ),
      ...fact('Foot', live ? FOOT[live.foot] : '—', live?.foot === 'plantar_flexed' ? 'warn' : undefined),
      ...fact('Ankle', live?.flexionDeg == null ? '—' : `${Math.round(live.flexionDeg)}°`),
      ...fact('Envelope', live ? `${live.envUv.toFixed(1)} µV` : '—'),
      ...fact('Latest', live ? formatClock(live.at, b.tz) : '—'),
    );
    canvas.setAttribute(
      'aria-label',
      live ? `EMG envelope over the last 2 minutes, now ${live.envUv.toFixed(1)} µV` : 'No signal yet',
    );
    drawSparkline(canvas, b.envelope, SPARKLINE_SECONDS, live?.baselineUv ?? null);
  };
  update(band);
  return { element, update };
}

function fact(term: string, value: string, tone?: 'good' | 'bad' | 'warn'): HTMLElement[] {
  return [el('dt', {}, term), el('dd', { class: tone ? `tone-${tone}` : undefined }, value)];
}

function lowBattery(battery: number | null): 'bad' | undefined {
  return battery !== null && battery < 0.2 ? 'bad' : undefined;
}
