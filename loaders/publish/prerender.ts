/**
 * Build-time queries (Evidence's approach): native DuckDB answers a page's query functions (src/components/*-data.ts)
 * over the same tables the page gets as Arrow files, made by the same publish SQL, so that the page can ship the
 * results of its default views and draw them before DuckDB-WASM has loaded.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {bind} from "../../src/components/sql-literal.ts";
import {viewKey, type Db, type Prerendered, type Row} from "../../src/components/query.ts";
import {openWarehouse, type Published} from "./connection.ts";

/** JSON-safe values as DuckDB-WASM's rows give them to the page: numbers for every integer and decimal type. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value != null && typeof value === "object" && !Array.isArray(value) && "toDouble" in value) return (value as {toDouble(): number}).toDouble();
  return value;
}

/** A native DuckDB connection as a page's `Db`. Parameters are bound as literals, as in the browser (db.ts). */
export function nativeDb(con: DuckDBConnection): Db {
  return {
    async query(sql: string, params: unknown[] = []): Promise<Row[]> {
      const rows = (await con.runAndReadAll(bind(sql, params))).getRowObjectsJS();
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
    }
  };
}

export interface PrerenderDb extends Db {
  close(): void;
}

/**
 * Opens the warehouse (or takes `published`), and makes `tables` (browser table name → the publish SQL of its Arrow file) in an in-memory
 * database, where the page's queries then run by the names the page uses. Throws the warehouse's Chinese errors
 * (no warehouse, wrong salt).
 */
export async function openPrerender(tables: Record<string, string>, {published}: {published?: Published} = {}): Promise<PrerenderDb> {
  const warehouse = published ?? (await openWarehouse());
  const {con} = warehouse;
  await con.run("ATTACH ':memory:' AS prerender");
  for (const [name, sql] of Object.entries(tables)) await con.run(`CREATE TABLE prerender.main.${name} AS ${sql}`);
  await con.run("USE prerender");
  const db = nativeDb(con);
  return {query: db.query, close: () => warehouse.close()};
}

/** A page's prerendered views: the options of its filters and `view(db, filters)` for each of `defaults(options)`, keyed by `viewKey`. */
export async function prerenderedViews<O, V>(
  db: Db,
  options: (db: Db) => Promise<O>,
  view: (db: Db, filters: Record<string, string | number | null>) => Promise<V>,
  defaults: (options: O) => Record<string, string | number | null>[]
): Promise<Prerendered<O, V>> {
  const opts = await options(db);
  const views: Record<string, V> = {};
  for (const filters of defaults(opts)) views[viewKey(filters)] = await view(db, filters);
  return {options: opts, views};
}

/** The same as JSON on stdout (a Framework data loader's output), from `tables` in a prerender database ({@link openPrerender}). */
export async function publishPrerendered<O, V>(
  tables: Record<string, string>,
  options: (db: Db) => Promise<O>,
  view: (db: Db, filters: Record<string, string | number | null>) => Promise<V>,
  defaults: (options: O) => Record<string, string | number | null>[]
): Promise<void> {
  const db = await openPrerender(tables);
  try {
    process.stdout.write(JSON.stringify(await prerenderedViews(db, options, view, defaults)));
  } finally {
    db.close();
  }
}
