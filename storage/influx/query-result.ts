/** One series of an InfluxQL answer (`/query`, JSON, `epoch=ms`). */
export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}

/** The answer to one statement of a `/query` request. */
export interface StatementResult {
  readonly statement_id?: number;
  readonly series?: readonly InfluxSeries[];
  readonly error?: string;
  readonly partial?: boolean;
}

/** A row of a series with its columns by name, and the series' tags (from `GROUP BY`). */
export type Row = Readonly<Record<string, unknown>> & { readonly tags: Readonly<Record<string, string>> };

/** Every row of every series of a statement, columns by name: easier to read than positions. */
export function rowsOf(result: StatementResult | undefined): Row[] {
  const rows: Row[] = [];
  for (const series of result?.series ?? []) {
    const tags = series.tags ?? {};
    for (const values of series.values ?? []) {
      const row: Record<string, unknown> = { tags };
      series.columns.forEach((column, i) => {
        row[column] = values[i];
      });
      rows.push(row as Row);
    }
  }
  return rows;
}

/** A numeric column, or null when absent (a null field, an aggregate over no values). */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A string column, or null when absent. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A boolean column, or null when absent. */
export function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
