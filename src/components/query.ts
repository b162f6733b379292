/**
 * What a page's queries run on: an engine that takes SQL with positional parameters (`?`) and returns plain rows.
 * In the browser it is DuckDB-WASM (db.ts); at build time it is native DuckDB over the same published tables
 * (loaders/publish/prerender.ts), so that a page's first view is computed by the very functions that serve its
 * filters afterwards (Evidence's build-time queries). Nothing here may import DuckDB-WASM: data loaders run it in Node.
 */
export type Row = Record<string, any>;

export interface Db {
  /** Rows of `sql` with each `?` bound to the next of `params` (see sql-literal.ts). */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** Rows of a query on either engine. */
export function rows(db: Db, sql: string, params: unknown[] = []): Promise<Row[]> {
  return db.query(sql, params);
}

export type ViewFilters = Record<string, string | number | null | undefined>;

/**
 * The key of a view in a page's prerendered views: its non-empty filters in a fixed (alphabetical) order, so that
 * the build and the browser name the same view the same way. `{year: 2024, street: null}` → `"year=2024"`; no
 * filter → `""`.
 */
export function viewKey(filters: ViewFilters): string {
  return Object.keys(filters)
    .filter((k) => filters[k] != null && filters[k] !== "")
    .sort()
    .map((k) => `${k}=${filters[k]}`)
    .join("&");
}

/** A page's build-time results: the options of its filters, and its views by `viewKey`. */
export interface Prerendered<O, V> {
  options: O;
  views: Record<string, V>;
}

export {ratio} from "./ratio.js";
