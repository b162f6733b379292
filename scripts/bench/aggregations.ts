/**
 * DuckDB-WASM against Arquero on the platform page's three commonest aggregations, over the
 * cube the page loads. Both run in Node here: the same WebAssembly engine and the same V8
 * as in Chromium, without a page in between.
 */
import {readFile} from "node:fs/promises";
import {readdirSync} from "node:fs";
import {createRequire} from "node:module";
import {join} from "node:path";
import * as aq from "arquero";
import {tableFromIPC} from "apache-arrow";
import {median} from "./stats.ts";

export interface AggregationTiming {
  name: string;
  duckdbMs: number;
  arqueroMs: number;
}

const require = createRequire(import.meta.url);

/** Median ms of `repeat` runs after one warm-up. */
function time(f: () => unknown, repeat = 7): number {
  f();
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    f();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

export async function compareAggregations(dataDir: string): Promise<AggregationTiming[]> {
  const read = async (prefix: string) => {
    const file = readdirSync(dataDir).find((f) => f.startsWith(prefix) && f.endsWith(".arrow"));
    if (!file) throw new Error(`no ${prefix}*.arrow in ${dataDir}`);
    return new Uint8Array(await readFile(join(dataDir, file)));
  };
  const bytes = await read("platform-cube.");
  const monthlyBytes = await read("platform-monthly.");
  // the page opens on the latest year
  const year = Math.max(...(tableFromIPC(bytes).getChild("yr")?.toArray() ?? []));

  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const bundles = {
    mvp: {mainModule: require.resolve("@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm"), mainWorker: ""},
    eh: {mainModule: require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"), mainWorker: ""}
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const con = db.connect();
  con.insertArrowFromIPCStream(bytes, {name: "cube", create: true});
  con.insertArrowFromIPCStream(monthlyBytes, {name: "monthly", create: true});

  const table = aq.fromArrow(bytes);
  const monthly = aq.fromArrow(monthlyBytes);
  const filtered = () => table.params({year}).filter((d: any, $: any) => d.yr === $.year);
  // timing an aggregation over nothing would measure nothing
  if (filtered().numRows() === 0 || monthly.numRows() === 0) throw new Error(`bench: the cubes hold no rows for ${year}`);

  const cases: {name: string; sql: string; arquero: () => unknown}[] = [
    {
      name: "year totals",
      sql: `SELECT sum(reports), sum(registered), sum(closed), sum(close_due) FROM cube WHERE yr = ${year}`,
      arquero: () => filtered().rollup({reports: aq.op.sum("reports"), registered: aq.op.sum("registered"), closed: aq.op.sum("closed"), close_due: aq.op.sum("close_due")}).objects()
    },
    {
      name: "by street",
      sql: `SELECT street, sum(reports), sum(closed), sum(close_due) FROM cube WHERE yr = ${year} GROUP BY street`,
      arquero: () => filtered().groupby("street").rollup({reports: aq.op.sum("reports"), closed: aq.op.sum("closed"), close_due: aq.op.sum("close_due")}).objects()
    },
    {
      name: "by month",
      sql: `SELECT ym, sum(reports) FROM monthly GROUP BY ym ORDER BY ym`,
      arquero: () => monthly.groupby("ym").rollup({reports: aq.op.sum("reports")}).orderby("ym").objects()
    }
  ];
  const timings = cases.map((c) => ({name: c.name, duckdbMs: time(() => con.query(c.sql).toArray()), arqueroMs: time(c.arquero)}));
  con.close();
  await db.terminate?.();
  return timings;
}
