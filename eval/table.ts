/** A table of already formatted cells, rendered as aligned text or as Markdown. */
export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly string[];
}

export function renderText(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = (t.notes ?? []).map((n) => `  ${n}`);
  return [t.title, line(t.headers), rule, ...t.rows.map(line), ...notes].join('\n');
}

export function renderMarkdown(t: Table): string {
  const esc = (c: string) => c.replaceAll('|', '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(esc).join(' | ')} |`;
  const align = t.headers.map((_, i) => (i === 0 ? ':---' : '---:'));
  const notes = (t.notes ?? []).map((n) => `\n${n}`);
  return [`**${t.title}**`, '', line(t.headers), line(align), ...t.rows.map(line), ...notes].join('\n');
}
