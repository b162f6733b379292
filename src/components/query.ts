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

/**
 * `db` with its results kept by SQL text and parameters, as Mosaic core's query manager keeps them: a filter set back
 * to an earlier choice (a street chosen, then 全部 again) is answered without a round trip to the engine. Only for
 * pages whose tables never change once added (the dashboards; not 自助分析, whose SQL may create and drop tables).
 * Each call gets its own copies of the rows; a failed query is not kept. The least recently used results go once
 * the kept rows pass `maxRows`.
 */
export function cachedDb<D extends Db>(db: D, {maxRows = 50_000} = {}): D {
  const kept = new Map<string, Promise<Row[]>>();
  const sizes = new Map<string, number>();
  let total = 0;
  const forget = (key: string) => {
    total -= sizes.get(key) ?? 0;
    sizes.delete(key);
    kept.delete(key);
  };
  const query = async (sql: string, params: unknown[] = []): Promise<Row[]> => {
    const key = JSON.stringify([sql, params]);
    let result = kept.get(key);
    if (result) {
      kept.delete(key);
      kept.set(key, result);
    } else {
      result = db.query(sql, params);
      kept.set(key, result);
      result.then(
        (rows) => {
          if (kept.get(key) !== result) return;
          sizes.set(key, rows.length);
          total += rows.length;
          for (const oldest of kept.keys()) {
            if (total <= maxRows || oldest === key) break;
            forget(oldest);
          }
        },
        () => {
          if (kept.get(key) === result) forget(key);
        }
      );
    }
    return (await result).map((row) => ({...row}));
  };
  return {...db, query};
}
