/** A bench's `--flag N` option as `{ flag: N }` (nothing when absent); throws on anything but a positive whole number. */
export function countFlag(flag: string, text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} takes a positive whole number, not ${text}`);
  return { [flag]: n };
}
