/**
 * Colours of the charts (canvas cannot read CSS variables cheaply on every draw). They match
 * `styles.css` and keep at least 3:1 contrast against the dark background for lines and text.
 */
export const CHART = {
  text: '#c9d4df',
  grid: 'rgba(201, 212, 223, 0.12)',
  envelope: '#5cc8ff',
  envelopeBand: 'rgba(92, 200, 255, 0.22)',
  movement: '#b8a4ff',
  flexion: '#7ee0a1',
  flexionBand: 'rgba(126, 224, 161, 0.2)',
  cramps: '#ff8a80',
  plantarMinutes: '#ffd166',
} as const;

/** Shading of event intervals on the timeline, and their legend. */
export const SPAN_STYLE: Record<string, { readonly fill: string; readonly label: string }> = {
  cramp: { fill: 'rgba(255, 82, 82, 0.38)', label: 'Cramp' },
  spasm: { fill: 'rgba(255, 171, 64, 0.45)', label: 'Spasm' },
  plantar_flexion: { fill: 'rgba(255, 209, 102, 0.14)', label: 'Foot pointed' },
  lead_off: { fill: 'rgba(160, 160, 160, 0.28)', label: 'Electrode off' },
};
