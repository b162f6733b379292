/**
 * npm run bench -- --rows N --out FILE [--repeat R] [--keep DIR] [--links 8/30,20/40,100/30 | none] [--engine-timeout S]
 *   [--platform-ingest | --no-platform-ingest]
 *
 * Generates sample exports with about N platform cases in a temporary folder, then measures
 * the real ingest, a native DuckDB baseline, the build (from a private copy of src/ into the
 * temporary folder: the checkout's dist/ and src/ are not touched), the platform-cases page in
 * headless Chromium on 127.0.0.1, and cold loads of / and /platform over emulated links
 * (network.ts). Prints a table and writes FILE as JSON.
 */
import {execFile} from "node:child_process";
import {cpus, totalmem, tmpdir} from "node:os";
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {parseArgs, promisify} from "node:util";
import type {IngestReport} from "../../loaders/report.ts";
import {INGEST_NODE_FLAGS} from "../../loaders/stage-pool.ts";
import {warehousePaths} from "../../loaders/warehouse.ts";
import {launchBrowser, serve} from "../browser.ts";
import {copySourceRoot, writeBuildConfig} from "../site-copy.ts";
import {cleanTableBaseline, prepareExports, timeExportsLoad} from "./baseline.ts";
import {measurePlatformPage} from "./browser.ts";
import {median, percentile} from "./stats.ts";
import {compareAggregations} from "./aggregations.ts";
import {bundleForNode} from "./bundle.ts";
import {hotspotMeasured, measureHotspot} from "./hotspot.ts";
import {INTRANET, linkName, measureNetwork, networkMeasured, parseLink, type Link, type NetworkFigures} from "./network.ts";

const run = promisify(execFile);
const tsx = resolve("node_modules/.bin/tsx");
const {values} = parseArgs({
  options: {
    rows: {type: "string", default: "100000"},
    out: {type: "string", default: "bench.json"},
    repeat: {type: "string"},
    changes: {type: "string", default: "24"},
    keep: {type: "string"},
    links: {type: "string", default: "8/30,20/40,100/30"},
    "engine-timeout": {type: "string", default: "120"},
    "platform-ingest": {type: "boolean"},
    "no-platform-ingest": {type: "boolean"}
  }
});
function positiveInteger(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not "${text}"`);
  return n;
}
const rows = positiveInteger("rows", values.rows);
/** Above this many cases, every step runs once by default, so that 10^7 completes within 20 minutes on 2 cores. */
const REPEAT_ONCE_FROM = 2_000_000;
const repeat = positiveInteger("repeat", values.repeat ?? (rows > REPEAT_ONCE_FROM ? "1" : "3"));
/**
 * The ingest of the platform exports alone (like for like with the floor) is a second ingest: 2.6 min of the 30 of a
 * 10^7 run (2026-12-03). Above REPEAT_ONCE_FROM it runs only when asked for.
 */
const platformIngest = values["no-platform-ingest"] ? false : (values["platform-ingest"] ?? rows <= REPEAT_ONCE_FROM);
const changes = positiveInteger("changes", values.changes);
const engineTimeoutMs = positiveInteger("engine-timeout", values["engine-timeout"]) * 1000;
const links: Link[] = values.links === "none" ? [] : values.links!.split(",").map(parseLink);
const sameLink = (a: Link, b: Link) => a.downMbps === b.downMbps && a.upMbps === b.upMbps && a.latencyMs === b.latencyMs;

/** The default sample has about 3,500 platform cases a month over 2023-01 .. 2026-10 (46 months). */
const MONTHLY = 3500;
const MONTHS = 46;
function sampleArgs(n: number): string[] {
  if (n >= MONTHLY * MONTHS) return ["--scale", String(Math.max(1, Math.round(n / (MONTHLY * MONTHS))))];
  const months = Math.max(1, Math.round(n / MONTHLY));
  const until = new Date(Date.UTC(2023, months - 1, 1)).toISOString().slice(0, 7);
  return ["--until", until];
}

/** Bytes of the files under `dir` (0 when it does not exist); `variants` picks the precompressed .br/.gz copies instead of the files themselves. */
async function dirBytes(dir: string, variants: "none" | "br" = "none"): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, {withFileTypes: true, recursive: true}).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const compressed = /\.(br|gz)$/.test(entry.name);
    if (variants === "none" ? compressed : !entry.name.endsWith(".br")) continue;
    total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const ms = (v: number | null) => (v == null ? "—" : v.toFixed(0));
const networkRow = (f: NetworkFigures) =>
  `${ms(f.netFirstKpiMs)} / ${ms(f.netFirstChartMs)} (interactive ${ms(f.netInteractiveKpiMs)} / ${ms(f.netInteractiveChartMs)}) / ${ms(f.netEngineReadyMs)}, ${f.netBytesBeforeFirstChart == null ? "—" : (f.netBytesBeforeFirstChart / 1e6).toFixed(2)}`;

/** Wall-clock seconds of each step of this run, in order. */
const steps: Record<string, number> = {};
const benchStarted = performance.now();
async function step<T>(name: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await f();
  } finally {
    steps[name] = (steps[name] ?? 0) + (performance.now() - started) / 1000;
  }
}

const seconds = async (f: () => Promise<unknown>) => {
  const started = performance.now();
  await f();
  return (performance.now() - started) / 1000;
};

const work = values.keep ? resolve(values.keep) : await mkdtemp(join(tmpdir(), "chengguan-bench-"));
const raw = join(work, "raw");
const dist = join(work, "dist");
const env = {...process.env, CHENGGUAN_SALT: "bench", CI: "true"};
let root: string | undefined;
try {
  console.error(`bench: ${rows.toLocaleString()} platform cases requested, work folder ${work}`);
  await step("generation", async () => {
    const generator = await bundleForNode("scripts/sample/cli.ts", join(work, "sample-generator.mjs"));
    await run(process.execPath, [generator, "--out", raw, "--quiet", ...sampleArgs(rows)], {env, maxBuffer: 1 << 26});
  });

  const ingestInto = (from: string, to: string) =>
    seconds(() => run(process.execPath, [...INGEST_NODE_FLAGS, "loaders/cli.ts", "--raw", from, "--warehouse", to], {env, maxBuffer: 1 << 26}));
  // the same input as the floor: the platform exports alone
  const platformOnly = join(work, "raw-platform");
  await mkdir(platformOnly);
  await run("cp", ["-rl", join(raw, "platform"), join(platformOnly, "platform")]);
  const exports = await step("floorCsv", () => prepareExports(raw, work));
  // each repetition runs the full ingest, the platform-only ingest and the floor one after another, so that the
  // ratios compare runs made minutes apart rather than blocks made a quarter of an hour apart on a shared machine
  const ingestRuns: number[] = [];
  const platformIngestRuns: number[] = [];
  const floorRuns: number[] = [];
  let warehouse = "";
  for (let i = 0; i < repeat; i++) {
    warehouse = join(work, `warehouse-${i}`);
    ingestRuns.push(await step("ingest", () => ingestInto(raw, warehouse)));
    if (i > 0) await rm(join(work, `warehouse-${i - 1}`), {recursive: true, force: true});
    if (platformIngest) {
      platformIngestRuns.push(await step("platformIngest", () => ingestInto(platformOnly, join(work, `warehouse-platform-${i}`))));
      await rm(join(work, `warehouse-platform-${i}`), {recursive: true, force: true});
    }
    floorRuns.push(await step("floors", () => timeExportsLoad(exports, work, i)));
  }
  await rm(exports.dir, {recursive: true, force: true});
  const floorSeconds = median(floorRuns);
  const {rows: records, cleanTableSeconds} = await step("floors", () => cleanTableBaseline(warehouse, work, repeat));
  const baseline = {rows: records, exportRows: exports.rows, exportFiles: exports.files, exportSeconds: floorSeconds, cleanTableSeconds};
  const ingestReport = JSON.parse(await readFile(warehousePaths(warehouse).report, "utf8")) as IngestReport;

  root = await copySourceRoot(".bench-site-", {libraryBundles: true});
  const configFile = join(work, "observablehq.config.js");
  writeBuildConfig(configFile, root, dist);
  const buildEnv = {...env, CHENGGUAN_WAREHOUSE: warehouse};
  const buildSeconds = await step("build", () => seconds(() => run(tsx, ["scripts/build.ts", "--config", configFile], {env: buildEnv, maxBuffer: 1 << 26})));
  const distBytes = await dirBytes(dist);
  // the data files Framework hashes, and the case list's monthly files (data/platform-cases/), without their .br/.gz copies
  const dataBytes = (await dirBytes(join(dist, "_file"))) + (await dirBytes(join(dist, "data")));
  const dataBytesBrotli = (await dirBytes(join(dist, "_file"), "br")) + (await dirBytes(join(dist, "data"), "br"));

  const pagesStarted = performance.now();
  const aggregations = await compareAggregations(join(dist, "_file", "data"));

  const server = await serve(dist);
  const browser = await launchBrowser();
  const pageRuns = [];
  let hotspot;
  let net: Record<string, NetworkFigures>;
  const netLinks: {link: Link; name: string; runs: number; pages: Record<string, NetworkFigures>}[] = [];
  const chromium = browser.version();
  try {
    for (let i = 0; i < repeat; i++) pageRuns.push(await measurePlatformPage(browser, server.url, {changes}));
    hotspot = await measureHotspot(browser, server.url, dist, {repeat, changes});
    net = await measureNetwork(browser, dist, {link: INTRANET, repeat, engineTimeoutMs});
    for (const link of links) {
      const pages = sameLink(link, INTRANET) ? net : await measureNetwork(browser, dist, {link, repeat: 1, engineTimeoutMs});
      netLinks.push({link, name: linkName(link), runs: sameLink(link, INTRANET) ? repeat : 1, pages});
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const filterMs = pageRuns.flatMap((r) => r.filterMs);
  steps.pages = (performance.now() - pagesStarted) / 1000;

  const result = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, headless Chromium ${chromium}`,
    environment: {
      cpuModel: cpus()[0]?.model ?? null,
      cores: cpus().length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      chromium,
      requestedRows: rows,
      rows: baseline.rows,
      repeat,
      link: {...INTRANET, name: linkName(INTRANET)}
    },
    requestedRows: rows,
    rows: baseline.rows,
    ingestSeconds: median(ingestRuns),
    ingestRowsRead: ingestReport.totals.rowsRead,
    ingestRowsPerSecond: ingestReport.totals.rowsRead / median(ingestRuns),
    exportRows: baseline.exportRows,
    duckdbBaselineSeconds: baseline.exportSeconds,
    ingestToBaseline: median(ingestRuns) / baseline.exportSeconds,
    ingestToBaselineByRun: ingestRuns.map((t, i) => t / floorRuns[i]),
    platformIngestSeconds: platformIngest ? median(platformIngestRuns) : null,
    platformIngestToBaseline: platformIngest ? median(platformIngestRuns) / baseline.exportSeconds : null,
    duckdbCleanTableSeconds: baseline.cleanTableSeconds,
    ingestToCleanTable: median(ingestRuns) / baseline.cleanTableSeconds,
    buildSeconds,
    stepSeconds: steps,
    totalSeconds: (performance.now() - benchStarted) / 1000,
    distBytes,
    dataBytes,
    dataBytesBrotli,
    firstChartMs: median(pageRuns.map((r) => r.firstChartMs)),
    firstInteractiveChartMs: median(pageRuns.map((r) => r.firstInteractiveChartMs)),
    allChartsMs: median(pageRuns.map((r) => r.allChartsMs)),
    filterP50Ms: percentile(filterMs, 0.5),
    filterP95Ms: percentile(filterMs, 0.95),
    filterChanges: filterMs.length,
    heapMB: median(pageRuns.map((r) => r.heapMB)),
    aggregations,
    ...hotspot,
    net,
    netLinks,
    measured: {
      ...hotspotMeasured(repeat, changes),
      rows: "platform records in the warehouse after merging",
      ingestSeconds: `median of ${repeat} full ingests of all sample exports (every source) into an empty warehouse`,
      ingestRowsRead: "data rows the ingest read, every source (the ingest report's totals.rowsRead)",
      ingestRowsPerSecond: "ingestRowsRead ÷ ingestSeconds",
      exportRows: `data rows in the ${baseline.exportFiles} platform exports (every exported version of a record)`,
      duckdbBaselineSeconds: `median of ${repeat} native DuckDB loads (one read_csv into a table of text columns, then a checkpoint; preserve_insertion_order off, as in the ingest) of the platform exports' header and data rows, each export written beforehand as a UTF-8 CSV`,
      ingestToBaseline: "ingestSeconds ÷ duckdbBaselineSeconds (the target is at most 3)",
      ingestToBaselineByRun: "each repetition's full ingest ÷ the floor timed right after it in the same repetition (the spread of the ratio on this machine)",
      platformIngestSeconds: platformIngest
        ? `median of ${repeat} ingests of the platform exports alone (the baseline's input) into an empty warehouse`
        : `not run (null): above ${REPEAT_ONCE_FROM.toLocaleString("en-US")} cases the bench runs it only with --platform-ingest`,
      platformIngestToBaseline: "platformIngestSeconds ÷ duckdbBaselineSeconds (like for like)",
      duckdbCleanTableSeconds: `median of ${repeat} native DuckDB loads of the warehouse's merged platform records written as one CSV (a lower floor: fewer rows, narrower columns)`,
      ingestToCleanTable: "ingestSeconds ÷ duckdbCleanTableSeconds",
      stepSeconds: "wall-clock seconds of each step of this run: generating the sample exports, writing the floor's CSV, the full ingests, the platform-only ingests, the floors (both), the build, and the pages (aggregations, localhost and network loads)",
      totalSeconds: "wall-clock seconds of the whole run, from the start of generation to the pages' last load",
      buildSeconds: "scripts/build.ts from a copy of src/ (with the checkout's npm and node library bundles, as `npm run build` has them): data loaders and observable build, once",
      distBytes: "all files under dist/ without their .br/.gz copies (DuckDB-WASM itself is about 76 MB of it)",
      dataBytes: "data files under dist/_file and dist/data (the case lists: the platform's by month, 案件热点's by part of the map), uncompressed",
      dataBytesBrotli: "the same files as the server sends them to a browser that accepts brotli (their .br copies)",
      firstChartMs: `navigation start to the end of the animation frame that drew the first chart of /platform, timed in the page (browser.ts firstDrawnAt): the build's snapshot of the default view when the page has one (scripts/first-paint.ts), median of ${repeat} page loads`,
      firstInteractiveChartMs: "the same, to the first chart drawn by the page's script (which answers filters)",
      allChartsMs: "navigation start to every cell of /platform settled",
      filterP50Ms: `${changes} changes of one filter per page load (street, category, source in turn, the others left as the earlier changes set them, so combinations too), each from the input event to every chart of /platform replaced; 50th percentile over all page loads`,
      filterP95Ms: "the same, 95th percentile",
      heapMB: "the page's used JS heap after the filter changes (main thread; DuckDB-WASM's worker is not included)",
      net: {
        ...networkMeasured(INTRANET, repeat, engineTimeoutMs),
        netLinks: `the same cold loads over each link of --links (${links.map(linkName).join("; ") || "none"}), one load of each page per link (the ${linkName(INTRANET)} entry is the median above)`
      },
      aggregations: "simplified forms of the platform page's three commonest aggregations (one year's totals and totals by street for the cube's latest year, the default of the page; reports by month), DuckDB-WASM vs Arquero in Node, median ms of 7"
    }
  };
  await writeFile(values.out!, JSON.stringify(result, null, 2) + "\n");
  const table = [
    ["platform records", result.rows.toLocaleString()],
    ["ingest (s)", result.ingestSeconds.toFixed(2)],
    ["rows read by the ingest (all sources)", result.ingestRowsRead.toLocaleString()],
    ["ingest rows/s", Math.round(result.ingestRowsPerSecond).toLocaleString()],
    ["platform export rows", result.exportRows.toLocaleString()],
    ["DuckDB baseline: exports as CSV (s)", result.duckdbBaselineSeconds.toFixed(2)],
    ["ingest ÷ baseline", result.ingestToBaseline.toFixed(2)],
    ["ingest ÷ baseline, each repetition", result.ingestToBaselineByRun.map((r) => r.toFixed(2)).join(", ")],
    ["ingest of the platform exports alone (s)", result.platformIngestSeconds?.toFixed(2) ?? "not run (--platform-ingest)"],
    ["platform ingest ÷ baseline", result.platformIngestToBaseline?.toFixed(2) ?? "—"],
    ["DuckDB: merged records as one CSV (s)", result.duckdbCleanTableSeconds.toFixed(2)],
    ["ingest ÷ merged-records load", result.ingestToCleanTable.toFixed(1)],
    ["build (s)", result.buildSeconds.toFixed(1)],
    ["steps (s)", Object.entries(result.stepSeconds).map(([name, t]) => `${name} ${t.toFixed(0)}`).join(", ")],
    ["whole run (min)", (result.totalSeconds / 60).toFixed(1)],
    ["dist (MB)", (result.distBytes / 1e6).toFixed(1)],
    ["data in dist/_file and dist/data (MB; brotli)", `${(result.dataBytes / 1e6).toFixed(1)}; ${(result.dataBytesBrotli / 1e6).toFixed(1)}`],
    ["first chart: painted / interactive (ms)", `${result.firstChartMs.toFixed(0)} / ${result.firstInteractiveChartMs.toFixed(0)}`],
    ["all charts (ms)", result.allChartsMs.toFixed(0)],
    [`filter p50 / p95 (ms, n=${filterMs.length})`, `${result.filterP50Ms.toFixed(0)} / ${result.filterP95Ms.toFixed(0)}`],
    ["JS heap (MB)", result.heapMB.toFixed(0)],
    ["案件热点 map data (MB)", (hotspot.hotspotMapDataBytes / 1e6).toFixed(2)],
    ["案件热点 case list, all / largest of its parts / grids (MB)", `${(hotspot.hotspotCaseListBytes / 1e6).toFixed(1)} / ${(hotspot.hotspotCasePartMaxBytes / 1e6).toFixed(2)} (${hotspot.hotspotCaseParts} parts) / ${(hotspot.hotspotGridBytes / 1e6).toFixed(2)}`],
    ["案件热点 map: painted / interactive (ms)", `${hotspot.hotspotMapDrawMs.toFixed(0)} / ${hotspot.hotspotMapInteractiveMs.toFixed(0)}`],
    [`案件热点 filter p50 / p95 (ms, n=${hotspot.hotspotFilterChanges})`, `${hotspot.hotspotFilterP50Ms.toFixed(0)} / ${hotspot.hotspotFilterP95Ms.toFixed(0)}`],
    ...aggregations.map((a) => [`${a.name}: DuckDB-WASM / Arquero (ms)`, `${a.duckdbMs.toFixed(1)} / ${a.arqueroMs.toFixed(1)}`]),
    ...netLinks.flatMap(({name, pages}) => Object.entries(pages).map(([path, f]) => [`${path} over ${name}: KPI / chart / engine (ms), bytes before chart (MB)`, networkRow(f)])),
    ...(netLinks.some(({link}) => sameLink(link, INTRANET)) ? [] : Object.entries(net).map(([path, f]) => [`${path} over ${linkName(INTRANET)}: KPI / chart / engine (ms), bytes before chart (MB)`, networkRow(f)]))
  ];
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(`\n${result.machine}\n`);
  for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(`\nwritten to ${values.out}`);
} finally {
  if (root) await rm(root, {recursive: true, force: true});
  if (!values.keep) await rm(work, {recursive: true, force: true});
}
