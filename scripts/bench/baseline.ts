/**
 * The floor an ingest is compared with: native DuckDB loading the same platform records,
 * written as one CSV, into a table (no reading of spreadsheets, no validation, no merge).
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {join} from "node:path";

export async function duckdbBaseline(warehouse: string, work: string, repeat: number): Promise<{rows: number; seconds: number}> {
  const csv = join(work, "platform-baseline.csv");
  const source = await DuckDBInstance.create(join(warehouse, "warehouse.duckdb"), {access_mode: "READ_ONLY"});
  const con = await source.connect();
  await con.run(`COPY platform TO '${csv}' (HEADER, DELIMITER ',')`);
  const rows = Number((await con.runAndReadAll("SELECT count(*) AS n FROM platform")).getRowObjectsJS()[0].n);
  con.closeSync();
  source.closeSync();

  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const target = await DuckDBInstance.create(join(work, `baseline-${i}.duckdb`));
    const c = await target.connect();
    const started = performance.now();
    await c.run(`CREATE TABLE platform AS SELECT * FROM read_csv('${csv}', header = true, quote = '"', escape = '"')`);
    await c.run("CHECKPOINT");
    runs.push((performance.now() - started) / 1000);
    c.closeSync();
    target.closeSync();
  }
  runs.sort((a, b) => a - b);
  return {rows, seconds: runs[Math.floor(runs.length / 2)]};
}
