/** "45 s", "3 min 05 s", "1 h 02 min": short enough for a phone's banner. */
export function formatDuration(ms: number): string {
  const totalS = Math.max(0, Math.round(ms / 1000));
  if (totalS < 60) return `${totalS} s`;
  const totalMin = Math.floor(totalS / 60);
  if (totalMin < 60) return `${totalMin} min ${String(totalS % 60).padStart(2, '0')} s`;
  return `${Math.floor(totalMin / 60)} h ${String(totalMin % 60).padStart(2, '0')} min`;
}

/** Minutes with one decimal below 10, whole above: "4.5 min", "37 min". */
export function formatMinutes(minutes: number): string {
  return `${minutes < 10 ? minutes.toFixed(1) : Math.round(minutes)} min`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
