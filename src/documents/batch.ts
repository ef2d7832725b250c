// Multi-row statements: how many bound parameters one INSERT may carry on both dialects.
// SQLite (bundled with better-sqlite3 12) allows 32 766 and PostgreSQL 65 535; larger statements
// stop paying off well before that (measured by bench/store.bench.ts with LUOSHI_BATCH_PARAMS).
export const MAX_PARAMS = Number(process.env.LUOSHI_BATCH_PARAMS) > 0 ? Number(process.env.LUOSHI_BATCH_PARAMS) : 2000;

/** Split rows into chunks whose statements stay within MAX_PARAMS bound parameters. */
export function chunks<T>(rows: readonly T[], paramsPerRow: number, maxParams = MAX_PARAMS): T[][] {
  const size = Math.max(1, Math.floor(maxParams / Math.max(1, paramsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
