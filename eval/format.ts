/** Cell formats for the report: a dash for an undefined value (NaN), never "NaN". */

export function pct(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)}%` : '—';
}

export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

export function seconds(ms: number): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '—';
}
