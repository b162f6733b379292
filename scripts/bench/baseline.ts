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
import {execFile} from "node:child_process";
import {availableParallelism} from "node:os";
import {rm} from "node:fs/promises";
import {join} from "node:path";
import {promisify} from "node:util";
import {literal, warehousePaths} from "../../loaders/warehouse.ts";
import {bundleForNode} from "./bundle.ts";
import type {ExportsCount} from "./exports-csv.ts";
import {median} from "./stats.ts";

const run = promisify(execFile);

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

/**
 * Writes the floor's input (exports-csv.ts) with one bundled process per core, two at most, each writing every n-th
 * export (a child that fails fails the bench, whose work folder is then kept or removed as a whole): at
 * 10^7 cases, 4.8 GB of exports took 5 minutes on one thread through tsx (2026-12-03).
 */
export async function prepareExports(raw: string, work: string): Promise<PreparedExports> {
  const dir = join(work, "platform-exports-csv");
  const script = await bundleForNode("scripts/bench/exports-csv-cli.ts", join(work, "exports-csv.mjs"));
  const count = Math.max(1, Math.min(2, availableParallelism()));
  const parts = await Promise.all(
    Array.from({length: count}, async (_, index) => {
      const {stdout} = await run(process.execPath, [script, raw, dir, String(index), String(count)], {maxBuffer: 1 << 20});
      return JSON.parse(stdout) as ExportsCount;
    })
  );
  return {dir, files: parts.reduce((sum, p) => sum + p.files, 0), rows: parts.reduce((sum, p) => sum + p.rows, 0)};
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
