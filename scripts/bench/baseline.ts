/**
 * The floor an ingest is compared with: native DuckDB loading the platform exports' data, as CSV, into a table.
 *
 * Each platform export under raw/ is first written (untimed) as a UTF-8 CSV of its header row and data rows:
 * DuckDB reads neither spreadsheets nor GB18030, and the title and 合计 lines are not data. The timed part is
 * one read_csv over all of them (columns matched by name across the export layouts, every value kept as text:
 * one export's 立案时间 is an Excel serial where another's is a date) into a table, then a checkpoint, with the
 * DuckDB settings the ingest itself uses. No normalizing, validating, anonymizing or merging.
 *
 * A second, lower floor is kept for comparison: the warehouse's own platform records (cleaned and merged, so
 * fewer rows and narrower columns) written as one CSV and loaded with its column types detected.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {appendFile, mkdir, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import Papa from "papaparse";
import {findHeader} from "../../loaders/headers.ts";
import {isDataRow} from "../../loaders/process.ts";
import {readTable} from "../../loaders/read.ts";
import {SOURCES} from "../../loaders/schema/index.ts";
import {literal, warehousePaths} from "../../loaders/warehouse.ts";
import {median} from "./stats.ts";

const CSV_SLICE = 20_000;

/** Writes every readable platform export as a UTF-8 CSV of its header and data rows; returns the counts. */
async function exportsAsCsv(raw: string, out: string): Promise<{files: number; rows: number}> {
  const folder = join(raw, SOURCES.platform.folder);
  const fields = SOURCES.platform.fields.filter((f) => !f.derived);
  await mkdir(out, {recursive: true});
  let files = 0;
  let rows = 0;
  for (const name of (await readdir(folder)).sort()) {
    let table;
    try {
      table = readTable(await readFile(join(folder, name)), name);
    } catch {
      continue; // not a spreadsheet: the ingest reports it and reads nothing from it either
    }
    for (const sheet of table.sheets) {
      const header = findHeader(sheet.rows, fields);
      if (!header) continue;
      const headerRow = sheet.rows[header.rowIndex];
      const data = sheet.rows.slice(header.rowIndex + 1).filter((r) => isDataRow(r, headerRow));
      rows += data.length;
      // in slices: one string of a month's export at 10^7 cases would be hundreds of MB
      const file = join(out, `${++files}.csv`);
      await writeFile(file, Papa.unparse([headerRow], {newline: "\n"}) + "\n");
      for (let i = 0; i < data.length; i += CSV_SLICE) {
        await appendFile(file, Papa.unparse(data.slice(i, i + CSV_SLICE), {newline: "\n"}) + "\n");
      }
    }
  }
  return {files, rows};
}

async function timeLoad(sql: string, work: string, name: string, repeat: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const target = await DuckDBInstance.create(join(work, `${name}-${i}.duckdb`));
    const c = await target.connect();
    // the setting the ingest loads with (it speeds up DuckDB's parallel loading), so that the floor is as low
    await c.run("SET preserve_insertion_order = false");
    const started = performance.now();
    await c.run(sql);
    await c.run("CHECKPOINT");
    runs.push((performance.now() - started) / 1000);
    c.closeSync();
    target.closeSync();
    // gigabytes at 10^7 cases: only the time is kept
    await rm(join(work, `${name}-${i}.duckdb`), {force: true});
    await rm(join(work, `${name}-${i}.duckdb.wal`), {force: true});
  }
  return median(runs);
}

/** The platform exports written as UTF-8 CSV for the floor (untimed), ready for {@link timeExportsLoad}. */
export interface PreparedExports {
  dir: string;
  files: number;
  rows: number;
}

export async function prepareExports(raw: string, work: string): Promise<PreparedExports> {
  const dir = join(work, "platform-exports-csv");
  const {files, rows} = await exportsAsCsv(raw, dir);
  return {dir, files, rows};
}

/**
 * One timed floor: native DuckDB loading the prepared exports (seconds). The bench runs it between the ingests of
 * the same repetition, so that a slow spell of a shared machine weighs on both sides of the ratio.
 */
export async function timeExportsLoad(prepared: PreparedExports, work: string, run: number): Promise<number> {
  return timeLoad(
    `CREATE TABLE platform AS SELECT * FROM read_csv(${literal(join(prepared.dir, "*.csv"))}, header = true, union_by_name = true, all_varchar = true)`,
    work,
    `baseline-exports-${run}`,
    1
  );
}

/** The lower floor: the warehouse's merged platform records as one CSV, loaded `repeat` times (median seconds); and their count. */
export async function cleanTableBaseline(warehouse: string, work: string, repeat: number): Promise<{rows: number; cleanTableSeconds: number}> {
  const cleanCsv = join(work, "platform-clean.csv");
  const source = await DuckDBInstance.create(warehousePaths(warehouse).db, {access_mode: "READ_ONLY"});
  const con = await source.connect();
  await con.run(`COPY (SELECT * FROM platform) TO ${literal(cleanCsv)} (HEADER, DELIMITER ',')`);
  const rows = Number((await con.runAndReadAll("SELECT count(*) AS n FROM platform")).getRowObjectsJS()[0].n);
  con.closeSync();
  source.closeSync();
  const cleanTableSeconds = await timeLoad(
    `CREATE TABLE platform AS SELECT * FROM read_csv(${literal(cleanCsv)}, header = true, quote = '"', escape = '"')`,
    work,
    "baseline-clean",
    repeat
  );
  await rm(cleanCsv, {force: true});
  return {rows, cleanTableSeconds};
}
