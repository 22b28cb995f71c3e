import type { NightSummary } from '../api/types.ts';
import { el } from '../dom/el.ts';
import { formatDuration, formatMinutes, formatPercent } from '../format/duration.ts';
import { formatClock } from '../format/zoned-time.ts';

/** A night's figures at a glance; onsets in the wearer's time zone. */
export function summaryPanel(summary: NightSummary | null, tz: string): HTMLElement {
  if (!summary) return el('p', { class: 'empty' }, 'No summary for this night.');
  const { cramps } = summary;
  const figures: Array<[string, string]> = [
    ['Cramps', String(cramps.count)],
    ['Total cramping', cramps.count === 0 ? '—' : formatDuration(cramps.totalMs)],
    ['Longest', cramps.count === 0 ? '—' : formatDuration(cramps.longestMs)],
    ['First onset', cramps.firstOnsetMs === null ? '—' : formatClock(cramps.firstOnsetMs, tz)],
    ['Spasms', String(summary.spasms)],
    ['Foot pointed', formatMinutes(summary.plantarFlexedMinutes)],
    ['Coverage', `${formatPercent(summary.coverage)} (${formatMinutes(summary.dataMinutes)})`],
  ];
  return el(
    'dl',
    { class: 'summary', 'aria-label': 'Night summary' },
    ...figures.map(([term, value]) =>
      el('div', { class: 'figure' }, el('dt', {}, term), el('dd', { 'data-figure': term }, value)),
    ),
  );
}
