import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import fs from "node:fs";
import path from "node:path";
import {bulkPath} from "./layout.ts";

export const DB_FILE = "warehouse.duckdb";
export const REPORT_FILE = "ingest-report.json";
export const REJECTS_CSV = "rejects.csv";

export interface WarehousePaths {
  /** The warehouse directory, swapped as a whole. */
  dir: string;
  db: string;
  report: string;
  rejectsCsv: string;
  /** Beside the warehouse, so it survives the swap: <parent>/.<name>.lock */
  lock: string;
  /** Prefix of build directories: <parent>/.<name>.tmp-<pid>-<n> */
  tmpPrefix: string;
  /** Prefix of a replaced warehouse during a swap: <parent>/.<name>.old-<pid> */
  oldPrefix: string;
}

export function warehousePaths(dir: string): WarehousePaths {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const name = path.basename(abs);
  return {
    dir: abs,
    db: path.join(abs, DB_FILE),
    report: path.join(abs, REPORT_FILE),
    rejectsCsv: path.join(abs, REJECTS_CSV),
    lock: path.join(parent, `.${name}.lock`),
    tmpPrefix: path.join(parent, `.${name}.tmp-`),
    oldPrefix: path.join(parent, `.${name}.old-`)
  };
}

function siblings(prefix: string): string[] {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(base))
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * Repairs what an interrupted run left, then creates an empty build directory next to the warehouse.
 * Must be called with the lock held: any build directory found then belongs to a dead run.
 */
export function prepareBuildDir(p: WarehousePaths): string {
  const old = siblings(p.oldPrefix);
  if (!fs.existsSync(p.dir) && old.length) {
    // killed between the two renames of a swap: the previous warehouse is the last one moved aside
    fs.renameSync(old[old.length - 1], p.dir);
  }
  for (const d of [...siblings(p.tmpPrefix), ...siblings(p.oldPrefix)]) fs.rmSync(d, {recursive: true, force: true});
  fs.mkdirSync(path.dirname(p.dir), {recursive: true});
  const tmp = `${p.tmpPrefix}${process.pid}-${Date.now().toString(36)}`;
  fs.mkdirSync(tmp);
  return tmp;
}

function fsyncPath(file: string, directory = false): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, directory ? fs.constants.O_RDONLY : fs.constants.O_RDWR);
    fs.fsyncSync(fd);
  } catch {
    // fsync of a directory is not supported everywhere; durability then rests on the OS
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Replaces the warehouse directory by the finished build directory: two renames, the old one removed last. */
export function swapIn(build: string, p: WarehousePaths): void {
  for (const f of fs.readdirSync(build)) fsyncPath(path.join(build, f));
  fsyncPath(build, true);
  if (fs.existsSync(p.dir)) {
    const old = `${p.oldPrefix}${process.pid}`;
    fs.renameSync(p.dir, old);
    fs.renameSync(build, p.dir);
    fsyncPath(path.dirname(p.dir), true);
    fs.rmSync(old, {recursive: true, force: true});
  } else {
    fs.renameSync(build, p.dir);
    fsyncPath(path.dirname(p.dir), true);
  }
}

export interface Db {
  instance: DuckDBInstance;
  con: DuckDBConnection;
  close(): void;
}

export async function openDb(file: string, options: {readOnly?: boolean} = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(file, options.readOnly ? {access_mode: "READ_ONLY"} : {});
  const con = await instance.connect();
  return {
    instance,
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    }
  };
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A SQL list of text literals, for IN (...). */
export function literalList(values: readonly string[]): string {
  return values.map(literal).join(", ");
}

export type SqlType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "DATE" | "TIMESTAMP" | "BOOLEAN";

export interface Column {
  name: string;
  type: SqlType;
}

export function createTableSql(table: string, columns: readonly Column[]): string {
  return `CREATE TABLE ${table} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`;
}

/** Loads a TsvWriter's file into an existing table whose columns are in the same order. */
export async function copyTsv(con: DuckDBConnection, table: string, file: string): Promise<void> {
  await con.run(
    `COPY ${table} FROM ${literal(file)} (FORMAT csv, HEADER false, DELIM '\t', QUOTE '', ESCAPE '', NULLSTR '', AUTO_DETECT false)`
  );
}

/** One COPY per table over all the bulk files a run wrote (a glob), instead of one per export; the files are removed. */
export async function loadBulk(con: DuckDBConnection, loadDir: string, stageTables: readonly string[]): Promise<void> {
  const names = fs.readdirSync(loadDir);
  for (const id of stageTables) {
    if (names.some((n) => n.startsWith(`stage-${id}-`))) await copyTsv(con, `stage.${ident(id)}`, path.join(loadDir, `stage-${id}-*.tsv`));
  }
  if (names.some((n) => n.startsWith("rejects-"))) await copyTsv(con, "rejects", path.join(loadDir, "rejects-*.tsv"));
  fs.rmSync(loadDir, {recursive: true, force: true});
}

/** The `meta` table: key, value. */
export async function writeMeta(con: DuckDBConnection, meta: Record<string, string>): Promise<void> {
  await con.run(createTableSql("meta", [{name: "key", type: "VARCHAR"}, {name: "value", type: "VARCHAR"}]));
  const a = await con.createAppender("meta");
  for (const [k, v] of Object.entries(meta)) {
    a.appendVarchar(k);
    a.appendVarchar(v);
    a.endRow();
  }
  a.closeSync();
}

/** rejects.csv for people: the `rejects` table in UTF-8 with BOM, so that Excel opens it with the Chinese intact. */
export async function writeRejectsCsv(con: DuckDBConnection, file: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await con.run(
    `COPY (SELECT source, file, sheet, row, record_id, reason_code, reason, original FROM rejects ORDER BY source, file, sheet, row)
     TO ${literal(tmp)} (FORMAT csv, HEADER true)`
  );
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
  fs.writeSync(fd, fs.readFileSync(tmp));
  fs.closeSync(fd);
  fs.rmSync(tmp);
}

/** Puts the real paths in place of the placeholders of {@link bulkPath} in the stage tables and the rejects. */
export async function restoreBulkPaths(con: DuckDBConnection, files: readonly {source: string; path: string}[]): Promise<void> {
  for (const [i, f] of files.entries()) {
    const placeholder = bulkPath(f.path, i + 1);
    if (placeholder === f.path) continue;
    await con.run(`UPDATE stage.${ident(f.source)} SET source_file = ${literal(f.path)} WHERE source_file = ${literal(placeholder)}`);
    await con.run(`UPDATE rejects SET file = ${literal(f.path)} WHERE file = ${literal(placeholder)}`);
  }
}
