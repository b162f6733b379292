import fs from "node:fs";
import path from "node:path";
import {SOURCE_IDS} from "../../loaders/schema/index.ts";
import {openDb} from "../../loaders/warehouse.ts";

export const CLEAN_TABLES = [...SOURCE_IDS];

/** Rows of a query on a warehouse directory's database, as JSON values. */
export async function query(warehouse: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDb(path.join(warehouse, "warehouse.duckdb"), {readOnly: true});
  try {
    return (await db.con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** md5 over every row of each table (order-independent), plus the row count. */
export async function contentHashes(warehouse: string, tables: readonly string[] = [...CLEAN_TABLES, "rejects", "codes"]): Promise<Record<string, string>> {
  const db = await openDb(path.join(warehouse, "warehouse.duckdb"), {readOnly: true});
  try {
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = (
        await db.con.runAndReadAll(`SELECT count(*)::INTEGER AS n, md5(coalesce(string_agg(x, chr(10) ORDER BY x), '')) AS h FROM (SELECT t::VARCHAR AS x FROM ${t} t)`)
      ).getRowObjectsJson()[0];
      out[t] = `${r.n}:${r.h}`;
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every string value in the clean tables, one per line, to search for personal data. */
export async function cleanText(warehouse: string): Promise<string> {
  const db = await openDb(path.join(warehouse, "warehouse.duckdb"), {readOnly: true});
  try {
    const parts: string[] = [];
    const tables = (
      await db.con.runAndReadAll("SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_name NOT IN ('rejects')")
    ).getRowObjectsJson();
    for (const {t} of tables) {
      const rows = (await db.con.runAndReadAll(`SELECT * FROM ${t}`)).getRowsJson();
      for (const r of rows) parts.push(r.map((v) => (v === null ? "" : String(v))).join("\t"));
    }
    return parts.join("\n");
  } finally {
    db.close();
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, {withFileTypes: true})) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
