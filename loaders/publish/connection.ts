/** A read-only connection to the warehouse for Framework data loaders, with the code lists as a table. */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {loadSalt} from "../anonymize.ts";
import {literal, warehousePaths} from "../warehouse.ts";
import {queryToArrowStream} from "./arrow.ts";

export const WAREHOUSE_ENV = "CHENGGUAN_WAREHOUSE";

export function warehouseDir(): string {
  return resolve(process.env[WAREHOUSE_ENV] || "data/warehouse");
}

export interface Published {
  con: DuckDBConnection;
  close(): void;
}

/**
 * Opens the warehouse read-only. Its `codes(list, code, name, parent, position)` table maps every
 * code to its Chinese name, so published columns carry names. The salt must be the one the warehouse was made
 * with (its fingerprint is stored there), or published ids would not match the stored hashes.
 */
export async function openWarehouse(dir = warehouseDir(), env: NodeJS.ProcessEnv = process.env): Promise<Published> {
  const file = warehousePaths(dir).db;
  if (!existsSync(file)) throw new Error(`没有找到数据仓库 ${file}：请先运行 npm run ingest`);
  const salt = loadSalt(dir, env, {create: false});
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run(`ATTACH ${literal(file)} AS warehouse (READ_ONLY)`);
  await con.run("USE warehouse");
  const stored = (await con.runAndReadAll("SELECT value FROM meta WHERE key = 'salt_fingerprint'")).getRows()[0]?.[0];
  if (stored !== salt.fingerprint) {
    con.closeSync();
    instance.closeSync();
    throw new Error(`加密盐（${salt.origin}）不是生成仓库时所用的：请使用原来的盐，或用当前的盐重新运行 npm run ingest`);
  }
  await con.run(`SET VARIABLE salt = ${literal(salt.value)}`);
  return {
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * A record id as the browser gets it: 32 bits of a salted hash of an internal number, stored
 * as a signed 32-bit integer (the browser adds 2^31 back and shows 8 hex digits), stable
 * across rebuilds with the same salt. With the report time beside it, it tells a case apart.
 * Public document numbers are shown as they are.
 */
export const PUBLIC_ID = (column: string) => `CAST(CAST('0x' || left(sha256(getvariable('salt') || ${column}), 8) AS BIGINT) - 2147483648 AS INTEGER)`;

/** A timestamp as whole minutes since 1970 (China local time, as stored): 4 bytes instead of a 16-character string. */
export const MINUTES = (column: string) => `CAST(epoch(${column}) // 60 AS INTEGER)`;

/** Tables that hold original rows (personal data): `rejects` and the `stage` schema (not the `stage` column of a case). */
const PERSONAL_TABLES = /\brejects\b|\bstage\s*\./i;

/** The body of a Framework data loader: runs one query on the warehouse and writes its Arrow stream to stdout. */
export async function publishArrow(sql: string): Promise<void> {
  if (PERSONAL_TABLES.test(sql)) throw new Error("rejects and stage.* hold original rows and are not published");
  const published = await openWarehouse();
  try {
    process.stdout.write(await queryToArrowStream(published.con, sql));
  } finally {
    published.close();
  }
}

/** The same, for a JSON document built from the warehouse. */
export async function publishJson(build: (con: DuckDBConnection) => Promise<unknown>): Promise<void> {
  const published = await openWarehouse();
  try {
    process.stdout.write(JSON.stringify(await build(published.con)));
  } finally {
    published.close();
  }
}
