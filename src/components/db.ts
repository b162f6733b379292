/**
 * The page's DuckDB-WASM database (one per page, queried in its worker, off the main thread), and tables added on
 * demand so that a page downloads row-level data only when asked. DuckDB-WASM is imported only when a database is
 * opened: a page's first view comes from build-time results and does not wait for it (engine.ts).
 */
import type {DuckDBClient} from "npm:@observablehq/duckdb";
import {bind} from "./sql-literal.js";
import {cachedDb, type Db, type Row} from "./query.js";

export {rows, type Row, type Db} from "./query.js";
export {ratio} from "./ratio.js";

/** What a Framework `FileAttachment` offers that we use. */
export interface Attachment {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A DuckDB-WASM database as a `Db`, with its client for adding tables. */
export interface WasmDb extends Db {
  client: DuckDBClient;
}

/**
 * Opens DuckDB-WASM with `tables` (Arrow IPC streams) added. The tables download while the engine's wasm does
 * (they are fetched before DuckDB-WASM is imported), not after it, which over a slow link saves their whole
 * transfer time. Parameters are bound as literals on one long-lived connection: a prepared statement on a fresh
 * connection costs four more round trips to the DuckDB worker, which a filter change with a handful of queries
 * would feel. Results are kept by their SQL (query.ts `cachedDb`) unless `cacheResults` is false, as it must be for
 * SQL that may change the tables (自助分析). Rejects with the first error of the engine or of a table's download.
 */
export async function openDb(tables: Record<string, Attachment>, {cacheResults = true}: {cacheResults?: boolean} = {}): Promise<WasmDb> {
  const downloads = Object.entries(tables).map(([name, file]) => {
    const buffer = file.arrayBuffer();
    buffer.catch(() => {}); // awaited below; a failure before then is not an unhandled rejection
    return {name, buffer};
  });
  const {DuckDBClient} = await import("npm:@observablehq/duckdb");
  const client = await DuckDBClient.of();
  await keepExtensionsLocal(client);
  let connection: Promise<{query(sql: string): Promise<any>}> | undefined;
  const db: WasmDb = {
    client,
    async query(sql: string, params: unknown[] = []): Promise<Row[]> {
      connection ??= client._db.connect();
      const table = await (await connection).query(bind(sql, params));
      return Array.from(table, (row: any) => (row == null ? {} : row.toJSON()));
    }
  };
  await Promise.all(downloads.map(({name, buffer}) => addTable(db, name, buffer)));
  return cacheResults ? cachedDb(db) : db;
}

/** Where on the site's own origin DuckDB-WASM would look for an extension if SQL asked for one; none is deployed. */
const EXTENSION_REPOSITORY = "_duckdb-extensions";

/**
 * Stops DuckDB-WASM from fetching extensions from extensions.duckdb.org, outside the site's origin (the intranet has
 * no way there): it loaded the json extension by itself for `'{"a":1}'::JSON` on 自助分析 (an audit, 2026-12-03).
 * Known extensions are neither installed nor loaded automatically, an explicit INSTALL or LOAD asks the site's own
 * origin (and fails there), and the configuration is locked so that SQL cannot undo this.
 */
async function keepExtensionsLocal(client: DuckDBClient): Promise<void> {
  const connection = await client._db.connect();
  try {
    const repository = new URL(EXTENSION_REPOSITORY, document.baseURI).href.replace(/\/$/, "");
    for (const setting of ["autoinstall_known_extensions = false", "autoload_known_extensions = false", `custom_extension_repository = '${repository.replaceAll("'", "''")}'`, "lock_configuration = true"]) {
      await connection.query(`SET GLOBAL ${setting}`);
    }
  } finally {
    await connection.close();
  }
}

/** Adds an Arrow IPC stream to the database as table `name`. */
async function addTable(db: WasmDb, name: string, buffer: Promise<ArrayBuffer>): Promise<void> {
  const bytes = new Uint8Array(await buffer);
  const connection = await db.client._db.connect();
  try {
    await connection.insertArrowFromIPCStream(bytes, {name, schema: "main"});
  } finally {
    await connection.close();
  }
}

/**
 * A file of the site that Framework does not attach (a case-list month listed by the config's dynamicPaths), by its
 * path from the site's root; relative to the page, so a site served under a sub-path finds it too.
 */
export function siteFile(path: string): Attachment {
  return {
    name: path,
    async arrayBuffer() {
      const response = await fetch(new URL(path.replace(/^\//, ""), document.baseURI));
      if (!response.ok) throw new Error(`无法加载 ${path}（${response.status}）`);
      return response.arrayBuffer();
    }
  };
}

const added = new WeakMap<WasmDb, Map<string, Promise<void>>>();

/** Registers an Arrow stream as a table the first time it is needed. */
export function ensureTable(db: WasmDb, name: string, file: Attachment): Promise<void> {
  let tables = added.get(db);
  if (!tables) added.set(db, (tables = new Map()));
  let pending = tables.get(name);
  if (!pending) {
    pending = addTable(db, name, file.arrayBuffer());
    tables.set(name, pending);
  }
  return pending;
}
