import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
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

/**
 * rejects.csv read back (UTF-8 with BOM, CSV) and the `rejects` table, both in the CSV's order: they must be equal
 * after every run.
 */
export async function rejectsCsvAndTable(warehouse: string): Promise<{csv: string[][]; table: string[][]}> {
  const raw = fs.readFileSync(path.join(warehouse, "rejects.csv"));
  if (raw[0] !== 0xef || raw[1] !== 0xbb || raw[2] !== 0xbf) throw new Error("rejects.csv has no UTF-8 BOM");
  const parsed = Papa.parse<string[]>(raw.subarray(3).toString("utf8"), {header: false, skipEmptyLines: true}).data;
  const rows = await query(
    warehouse,
    `SELECT source, file, sheet, "row"::VARCHAR AS "row", record_id, reason_code, reason, original FROM rejects ORDER BY source, file, sheet, "row"`
  );
  const columns = ["source", "file", "sheet", "row", "record_id", "reason_code", "reason", "original"];
  return {csv: parsed, table: [columns, ...rows.map((r) => columns.map((c) => (r[c] === null ? "" : String(r[c]))))]};
}

/** Every file under `dir` (links not followed) with its size, modification time and sha256, to show nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, {withFileTypes: true})) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = `${st.size}:${st.mtimeMs}:${crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex")}`;
      else out[path.relative(dir, p)] = e.isSymbolicLink() ? `link:${fs.readlinkSync(p)}` : "other";
    }
  };
  walk(dir);
  return out;
}
