import fs from "node:fs";
import path from "node:path";
import {loadSalt, SALT_ENV} from "./anonymize.ts";
import {planChanges, pipelineFingerprint, readPrevious, WAREHOUSE_VERSION} from "./changes.ts";
import {defaultCodesDir, loadCodeBook, type CodeBook} from "./codes/index.ts";
import {newValuesYaml} from "./codes/snippet.ts";
import {writeCodeTables} from "./codes/tables.ts";
import {IngestError} from "./errors.ts";
import {geoConfigStamp, geoDir} from "./geo/config.ts";
import {ConfigError} from "./yaml-file.ts";
import {errorEntry, skippedEntry, stagedEntry, writeFilesTable} from "./files-table.ts";
import {acquireLock} from "./lock.ts";
import {scanRaw, sha256, type ManifestEntry} from "./manifest.ts";
import {carryOver, mergeVersions} from "./merge.ts";
import {chinaToday, completeSourceReports, emptySourceReport, fileReportFromManifest, rate, reportTotals, type FileReport, type IngestReport, type SourceReport} from "./report.ts";
import {REJECT_COLUMNS, stageColumns} from "./layout.ts";
import {SOURCE_IDS, SOURCES, type SourceId} from "./schema/index.ts";
import type {StageJob} from "./stage-file.ts";
import {bundleStageWorker, configuredWorkers, stageFiles} from "./stage-pool.ts";
import {
  createTableSql,
  ident,
  literal,
  loadBulk,
  openDb,
  restoreBulkPaths,
  prepareBuildDir,
  swapIn,
  warehousePaths,
  writeMeta,
  writeRejectsCsv,
  type Db,
  type WarehousePaths
} from "./warehouse.ts";

export {IngestError} from "./errors.ts";
export {pipelineFingerprint, WAREHOUSE_VERSION} from "./changes.ts";

export type ProgressEvent =
  | {type: "start"; files: number; toRead: number}
  | {type: "file-start"; source: SourceId; path: string; index: number; files: number; size: number}
  | {type: "file-rows"; source: SourceId; path: string; rows: number; total: number}
  | {type: "file-end"; source: SourceId; path: string; file: FileReport}
  | {type: "phase"; phase: "load" | "merge" | "write" | "swap"};

export interface IngestOptions {
  raw: string;
  warehouse: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Environment for CHENGGUAN_SALT; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Allow a source whose files have all disappeared from the raw folder to lose its rows. */
  prune?: boolean;
  /** The code lists' folder (default data/codes, or $CHENGGUAN_CODES). */
  codes?: string;
  /** The geography settings' folder (default data/geo, or $CHENGGUAN_GEO). */
  geo?: string;
}

/** Reads the code book, turning a fault in a hand-edited file into the reason the ingest cannot run. */
export function readCodeBook(dir: string): CodeBook {
  try {
    return loadCodeBook(dir);
  } catch (error) {
    if (error instanceof ConfigError) throw new IngestError(`${error.message}；仓库未做任何改动`);
    throw error;
  }
}

/**
 * Per source, the fingerprint of the configuration its rows depend on: the code lists its fields use, its extra header
 * texts, and for a source with coordinates the geography settings (data/geo). A change re-reads that source's files
 * (and only those), so that a new alias maps old rows too. Throws IngestError when the geography settings cannot be used.
 */
export function configFingerprints(book: CodeBook, geoFolder: string): Record<SourceId, string> {
  let geo: string;
  try {
    geo = geoConfigStamp(geoFolder);
  } catch (error) {
    if (error instanceof ConfigError) throw new IngestError(`${error.message}；仓库未做任何改动`);
    throw error;
  }
  return Object.fromEntries(
    SOURCE_IDS.map((id) => {
      const fields = SOURCES[id].fields;
      const lists = [...new Set(fields.map((f) => f.codeList).filter((l) => l !== undefined))].sort();
      const parts = [...lists.map((l) => `${l}:${book.fingerprints[l]}`), `headers:${JSON.stringify(book.headers[id] ?? {})}`];
      if (fields.some((f) => f.name === "x") && fields.some((f) => f.name === "y")) parts.push(geo);
      return [id, sha256(Buffer.from(parts.join("\n"))).slice(0, 16)];
    })
  ) as Record<SourceId, string>;
}

/**
 * Runs the monthly ingest: reads every export under `raw`, and writes a new warehouse (DuckDB database, ingest
 * report, rejects) that replaces the old one in a single swap. Files unchanged since the last run (by sha256) are
 * not read again; their rows are carried over. Throws IngestError when it cannot run.
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const raw = path.resolve(options.raw);
  const p = warehousePaths(options.warehouse);
  const progress = options.onProgress ?? (() => {});
  if (!fs.existsSync(raw)) throw new IngestError(`原始数据目录不存在: ${raw}`);
  if (!fs.statSync(raw).isDirectory()) throw new IngestError(`原始数据路径不是目录: ${raw}`);
  if (fs.existsSync(p.dir)) {
    if (!fs.statSync(p.dir).isDirectory()) throw new IngestError(`仓库路径不是目录: ${p.dir}`);
    const entries = fs.readdirSync(p.dir);
    if (entries.length && !entries.includes(path.basename(p.db))) {
      throw new IngestError(`仓库目录 ${p.dir} 不是空目录，也不是导入程序建立的仓库；为免覆盖其中的文件，请换一个目录`);
    }
  }
  fs.mkdirSync(path.dirname(p.dir), {recursive: true});

  let release: () => void;
  try {
    release = acquireLock(p.lock);
  } catch (error) {
    throw new IngestError(error instanceof Error ? error.message : String(error));
  }
  let build: string | null = null;
  const onExit = () => {
    if (build) fs.rmSync(build, {recursive: true, force: true});
    release();
  };
  process.on("exit", onExit);
  try {
    build = prepareBuildDir(p);
    const report = await run(raw, p, build, options, progress, started, startedAt);
    progress({type: "phase", phase: "swap"});
    keepForeignFiles(p, build);
    swapIn(build, p);
    build = null;
    return report;
  } finally {
    if (build) fs.rmSync(build, {recursive: true, force: true});
    release();
    process.off("exit", onExit);
  }
}

/** Files someone else put into the warehouse directory move along into the new one rather than vanish. */
function keepForeignFiles(p: WarehousePaths, build: string): void {
  if (!fs.existsSync(p.dir)) return;
  const ours = new Set([p.db, `${p.db}.wal`, p.report, p.rejectsCsv].map((f) => path.basename(f)));
  for (const entry of fs.readdirSync(p.dir)) {
    if (ours.has(entry) || fs.existsSync(path.join(build, entry))) continue;
    fs.cpSync(path.join(p.dir, entry), path.join(build, entry), {recursive: true, preserveTimestamps: true});
  }
}

async function run(
  raw: string,
  p: WarehousePaths,
  build: string,
  options: IngestOptions,
  progress: (event: ProgressEvent) => void,
  started: number,
  startedAt: string
): Promise<IngestReport> {
  const warnings: string[] = [];
  const today = chinaToday();
  const book = readCodeBook(options.codes ?? defaultCodesDir(options.env ?? process.env));
  const salt = warehouseSalt(p, options.env ?? process.env);
  // esbuild bundles in its own process while this one lists the files and reads the previous warehouse
  const workerScript = bundleStageWorker();
  workerScript.catch(() => {});
  const scan = scanRaw(raw);
  if (scan.files.length === 0) throw new IngestError(`原始数据目录中没有任何导出文件: ${raw}（应放在 ${SOURCE_IDS.map((s) => s + "/").join("、")} 子目录下）`);

  const previous = await readPrevious(p, warnings);
  let fingerprint: string;
  try {
    fingerprint = pipelineFingerprint(await workerScript);
  } catch (error) {
    throw new IngestError(`无法打包读取程序（esbuild）: ${error instanceof Error ? error.message : String(error)}`);
  }
  const geo = options.geo ?? geoDir(options.env ?? process.env);
  const configs = configFingerprints(book, geo);
  const plan = planChanges({scan, previous, fingerprint, saltFingerprint: salt.fingerprint, configFingerprints: configs, prune: options.prune ?? false, warnings});

  const dbFile = path.join(build, path.basename(p.db));
  const db = await openDb(dbFile);
  const con = db.con;
  try {
    // nothing depends on the order rows are stored in (versions are told apart by file_order and _seq, and every
    // listing sorts), and bulk loads that need not keep it run in parallel without a final reordering
    await con.run("SET preserve_insertion_order = false");
    await con.run("CREATE SCHEMA stage");
    for (const id of SOURCE_IDS) await con.run(createTableSql(`stage.${ident(id)}`, stageColumns(SOURCES[id])));
    await con.run(createTableSql("rejects", REJECT_COLUMNS));
    if (previous) await con.run(`ATTACH ${literal(p.db)} AS old (READ_ONLY)`);

    const loadDir = path.join(build, "_load");
    fs.mkdirSync(loadDir);
    progress({type: "start", files: scan.files.length, toRead: plan.unchanged.filter((u) => !u).length});
    const jobs: StageJob[] = [];
    scan.files.forEach((file, i) => {
      if (!(plan.unchanged[i] && previous?.files.get(file.path))) jobs.push({loadDir, index: i + 1, file, hash: plan.hashes[i], salt: salt.value, codes: {dir: book.dir, fingerprints: book.fingerprints}, geo});
    });
    const {results: staged, threads: readingThreads} = await stageFiles(jobs, {
      workers: configuredWorkers(options.env ?? process.env),
      script: workerScript,
      book,
      onStart: (job) =>
        progress({type: "file-start", source: job.file.source, path: job.file.path, index: job.index, files: scan.files.length, size: job.file.size}),
      onRows: (job, rows, total) => progress({type: "file-rows", source: job.file.source, path: job.file.path, rows, total})
    });

    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, emptySourceReport(SOURCES[id])])) as Record<SourceId, SourceReport>;
    const manifest: ManifestEntry[] = [];
    const carry: {source: SourceId; path: string}[] = [];
    let rowsProcessed = 0;
    scan.files.forEach((file, i) => {
      const index = i + 1;
      const prev = previous?.files.get(file.path);
      const result = staged.get(index);
      let entry: ManifestEntry;
      let fileReport: FileReport;
      if (!result && prev) {
        progress({type: "file-start", source: file.source, path: file.path, index, files: scan.files.length, size: file.size});
        entry = skippedEntry(prev, index);
        if (prev.staged_sha256) carry.push({source: file.source, path: file.path});
        fileReport = fileReportFromManifest(entry, true, today);
      } else if (!result) {
        throw new Error(`internal: ${file.path} was neither skipped nor read`);
      } else if (result.kind === "changed") {
        throw new IngestError(`文件在导入过程中被${result.change === "moved" ? "移走" : "修改"}: ${file.path}；请等复制完成后重新运行`);
      } else {
        const identity = {path: file.path, source: file.source, sha256: result.sha256, size: file.size, month: file.month, file_order: index};
        if (result.kind === "error") {
          const keep = !plan.fullRebuild && prev?.staged_sha256 ? prev : null;
          if (keep) carry.push({source: file.source, path: file.path});
          entry = errorEntry(identity, result.error, keep, configs[file.source]);
          fileReport = fileReportFromManifest(entry, false, today);
        } else {
          const outcome = result.outcome;
          rowsProcessed += outcome.rowsRead;
          entry = stagedEntry(identity, outcome, configs[file.source], new Date().toISOString());
          fileReport = fileReportFromManifest(entry, false, today);
          fileReport.rowsPerSecond = rate(outcome.rowsRead, result.seconds);
        }
        fileReport.seconds = result.seconds;
      }
      manifest.push(entry);
      sources[file.source].files.push(fileReport);
      progress({type: "file-end", source: file.source, path: file.path, file: fileReport});
    });

    progress({type: "phase", phase: "load"});
    await loadBulk(con, loadDir, SOURCE_IDS);
    await restoreBulkPaths(con, scan.files);
    await carryOver(con, carry);
    if (previous) await con.run("DETACH old");

    progress({type: "phase", phase: "merge"});
    await writeFilesTable(con, manifest);
    await mergeVersions(con);
    await writeMeta(con, {
      generated_at: new Date().toISOString(),
      warehouse_version: WAREHOUSE_VERSION,
      pipeline_fingerprint: fingerprint,
      salt_fingerprint: salt.fingerprint,
      salt_origin: salt.origin,
      raw_dir: raw
    });
    await writeCodeTables(con, book);

    progress({type: "phase", phase: "write"});
    await completeSourceReports(con, sources, plan.removed, book);
    await con.run("CHECKPOINT");
    await writeRejectsCsv(con, path.join(build, path.basename(p.rejectsCsv)));
    const seconds = (Date.now() - started) / 1000;
    const report: IngestReport = {
      generatedAt: new Date().toISOString(),
      raw,
      warehouse: p.dir,
      fullRebuild: plan.fullRebuild,
      sources,
      totals: reportTotals(sources),
      ignored: scan.ignored,
      warnings: [...warnings, ...futureWarning(sources)],
      newValuesYaml: newValuesYaml(book, Object.values(sources).flatMap((x) => x.newValues)),
      timing: {startedAt, seconds: Math.round(seconds * 1000) / 1000, rowsProcessed, rowsPerSecond: rate(rowsProcessed, seconds), readingThreads},
      salt: {origin: salt.origin}
    };
    fs.writeFileSync(path.join(build, path.basename(p.report)), JSON.stringify(report, null, 2) + "\n");
    return report;
  } finally {
    db.close();
  }
}

/**
 * The salt, created on the first run only: a warehouse without its salt (moved to another machine without data/.salt)
 * must not be re-hashed with a new one unnoticed. Throws IngestError then.
 */
function warehouseSalt(p: WarehousePaths, env: NodeJS.ProcessEnv) {
  try {
    return loadSalt(p.dir, env, {create: !fs.existsSync(p.db)});
  } catch (error) {
    throw new IngestError(`${error instanceof Error ? error.message : String(error)}（数据仓库 ${p.db} 已存在，是用原来的盐生成的：请把原来的 data/.salt 一并复制过来；如确要换盐，设置 $${SALT_ENV} 后重新运行，全部文件将重新导入）；仓库未做任何改动`);
  }
}

/** One line for the run naming the files flagged for a month after today. */
function futureWarning(sources: Record<SourceId, SourceReport>): string[] {
  const future = Object.values(sources).flatMap((s) => s.files.filter((f) => f.futureMonth));
  return future.length ? [`${future.length} 个文件的月份晚于今天（已导入，请核对日期）：${future.map((f) => f.path).join("、")}`] : [];
}
