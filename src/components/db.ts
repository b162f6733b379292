/**
 * The page's DuckDB-WASM database (one per page, queried in its worker, off the main thread),
 * and tables added on demand so that a page downloads row-level data only when asked.
 */
import {DuckDBClient} from "npm:@observablehq/duckdb";
import {bind} from "./sql-literal.js";

/** What a Framework `FileAttachment` offers that we use. */
export interface Attachment {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type Row = Record<string, any>;

export async function openDb(tables: Record<string, Attachment>): Promise<DuckDBClient> {
  return DuckDBClient.of(tables);
}

const added = new WeakMap<DuckDBClient, Map<string, Promise<void>>>();

/** Registers an Arrow stream as a table the first time it is needed. */
export function ensureTable(db: DuckDBClient, name: string, file: Attachment): Promise<void> {
  let tables = added.get(db);
  if (!tables) added.set(db, (tables = new Map()));
  let pending = tables.get(name);
  if (!pending) {
    pending = (async () => {
      const buffer = new Uint8Array(await file.arrayBuffer());
      const connection = await db._db.connect();
      try {
        await connection.insertArrowFromIPCStream(buffer, {name, schema: "main"});
      } finally {
        await connection.close();
      }
    })();
    tables.set(name, pending);
  }
  return pending;
}

const connections = new WeakMap<DuckDBClient, Promise<{query(sql: string): Promise<any>}>>();

/**
 * Runs a query with positional parameters (`?`) and returns plain objects. Parameters are
 * bound as literals on one long-lived connection: a prepared statement on a fresh connection
 * costs four more round trips to the DuckDB worker, which a filter change with a handful of
 * queries would feel.
 */
export async function rows(db: DuckDBClient, sql: string, params: unknown[] = []): Promise<Row[]> {
  let connection = connections.get(db);
  if (!connection) connections.set(db, (connection = db._db.connect()));
  const table = await (await connection).query(bind(sql, params));
  return Array.from(table, (row: any) => (row == null ? {} : row.toJSON()));
}

export {ratio} from "./ratio.js";
