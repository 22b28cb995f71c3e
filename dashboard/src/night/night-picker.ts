import type { DeviceView, NightSummary } from '../api/types.ts';
import { el } from '../dom/el.ts';
import { formatNightDate } from '../format/zoned-time.ts';
import { bandLabel } from '../live/band-card.ts';

export interface NightPickerInput {
  readonly devices: readonly DeviceView[];
  readonly device: string;
  /** Oldest first, as the API lists them; shown newest first. */
  readonly nights: readonly NightSummary[];
  readonly date: string | undefined;
  readonly onDevice: (device: string) => void;
  readonly onDate: (date: string) => void;
}

/** The band and night choosers of the night view (labelled selects: native, large, accessible on phones). */
export function nightPicker(input: NightPickerInput): HTMLElement {
  const band = el(
    'select',
    { id: 'night-band', name: 'band' },
    ...input.devices.map((d) => el('option', { value: d.id, selected: d.id === input.device }, bandLabel(d))),
  );
  band.addEventListener('change', () => input.onDevice(band.value));
  const night = el(
    'select',
    { id: 'night-date', name: 'night', disabled: input.nights.length === 0 },
    ...[...input.nights]
      .reverse()
      .map((n) =>
        el(
          'option',
          { value: n.date, selected: n.date === input.date },
          `${formatNightDate(n.date)} — ${n.cramps.count} cramp${n.cramps.count === 1 ? '' : 's'}`,
        ),
      ),
  );
  night.addEventListener('change', () => input.onDate(night.value));
  return el(
    'div',
    { class: 'pickers' },
    el('div', { class: 'field' }, el('label', { for: 'night-band' }, 'Band'), band),
    el('div', { class: 'field' }, el('label', { for: 'night-date' }, 'Night'), night),
  );
}
