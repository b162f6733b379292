import fs from "node:fs";
import path from "node:path";
import {loadSalt} from "./anonymize.ts";
import {CODE_LISTS} from "./codes/index.ts";
import {acquireLock} from "./lock.ts";
import {scanRaw, sha256, type FileNotes, type ManifestEntry} from "./manifest.ts";
import {chinaToday, flagFuture, rate, type FileReport, type IngestReport, type ReasonCount, type SourceReport} from "./report.ts";
import {cleanColumns, REJECT_COLUMNS, stageColumns} from "./layout.ts";
import {SOURCE_IDS, SOURCES, type SourceId, type SourceSchema} from "./schema/index.ts";
import type {StageJob, StageResult} from "./stage-file.ts";
import {bundleStageWorker, configuredWorkers, stageFiles} from "./stage-pool.ts";
import {
  copyTsv,
  createTableSql,
  ident,
  literal,
  openDb,
  prepareBuildDir,
  restoreBulkPaths,
  swapIn,
  warehousePaths,
  type Column,
  type Db,
  type WarehousePaths
} from "./warehouse.ts";

/** Bumped when the warehouse layout changes; a different version makes the next run re-read every file. */
export const WAREHOUSE_VERSION = "2";

/** A reason the ingest cannot run at all (as opposed to rows or files it rejects). */
export class IngestError extends Error {
  override name = "IngestError";
}

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
}

const FILE_COLUMNS: Column[] = [
  {name: "path", type: "VARCHAR"},
  {name: "source", type: "VARCHAR"},
  {name: "sha256", type: "VARCHAR"},
  {name: "size", type: "BIGINT"},
  {name: "month", type: "VARCHAR"},
  {name: "file_order", type: "INTEGER"},
  {name: "status", type: "VARCHAR"},
  {name: "rows_read", type: "INTEGER"},
  {name: "accepted", type: "INTEGER"},
  {name: "rejected", type: "INTEGER"},
  {name: "error", type: "VARCHAR"},
  {name: "format", type: "VARCHAR"},
  {name: "encoding", type: "VARCHAR"},
  {name: "sheets", type: "VARCHAR"},
  {name: "unmapped_columns", type: "VARCHAR"},
  {name: "staged_sha256", type: "VARCHAR"},
  {name: "ingested_at", type: "VARCHAR"},
  {name: "notes", type: "VARCHAR"}
];

/**
 * Fingerprint of the code that turns exports into stage rows (the bundled staging worker: these loaders, the schema,
 * the code lists and the parser libraries) and of the warehouse layout: when it changes, rows kept from earlier runs
 * could differ from what a fresh read gives, so every file is read again.
 */
export function pipelineFingerprint(workerScript: string): string {
  return sha256(Buffer.from(`warehouse-version:${WAREHOUSE_VERSION}\n${workerScript}`)).slice(0, 16);
}

interface Previous {
  files: Map<string, ManifestEntry>;
  meta: Map<string, string>;
}

async function readPrevious(p: WarehousePaths, warnings: string[]): Promise<Previous | null> {
  if (!fs.existsSync(p.db)) return null;
  let db: Db | null = null;
  try {
    db = await openDb(p.db, {readOnly: true});
    const files = (await db.con.runAndReadAll("SELECT * FROM files")).getRowObjectsJson() as unknown as ManifestEntry[];
    const meta = (await db.con.runAndReadAll("SELECT key, value FROM meta")).getRowObjectsJson() as {key: string; value: string}[];
    return {
      files: new Map(files.map((f) => [f.path, {...f, size: Number(f.size)}])),
      meta: new Map(meta.map((m) => [m.key, m.value]))
    };
  } catch (error) {
    warnings.push(`无法读取上次的仓库（${error instanceof Error ? error.message : String(error)}），本次全部重新导入`);
    return null;
  } finally {
    db?.close();
  }
}

function emptySourceReport(schema: SourceSchema): SourceReport {
  return {
    label: schema.label,
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    records: 0,
    versionsMerged: 0,
    files: [],
    removedFiles: [],
    rejectionReasons: [],
    latestMonth: null,
    latestFileMonth: null,
    seconds: 0,
    rowsPerSecond: 0
  };
}

function fileReportFromManifest(m: ManifestEntry, skipped: boolean, error: string | null, status: string, today: string): FileReport {
  let sheets: FileReport["sheets"] = [];
  let unmapped: string[] = [];
  let notes: Partial<FileNotes> = {};
  try {
    sheets = m.sheets ? JSON.parse(m.sheets) : [];
    unmapped = m.unmapped_columns ? JSON.parse(m.unmapped_columns) : [];
    notes = m.notes ? JSON.parse(m.notes) : {};
  } catch {
    // older manifests may hold plain text
  }
  const report: FileReport = {
    path: m.path,
    rowsRead: m.rows_read,
    accepted: m.accepted,
    rejected: m.rejected,
    skipped,
    error,
    status,
    sha256: m.sha256,
    month: m.month,
    format: m.format,
    encoding: m.encoding,
    encodingConfidence: notes.encodingConfidence ?? null,
    encodingEvidence: notes.encodingEvidence ?? null,
    futureMonth: null,
    sheets,
    unmappedColumns: unmapped,
    warnings: [...(notes.warnings ?? [])],
    seconds: 0,
    rowsPerSecond: 0
  };
  flagFuture(report, notes.latestDate ?? null, today);
  return report;
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
  const salt = loadSalt(p.dir, options.env ?? process.env);
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
  const fullRebuild =
    !previous || previous.meta.get("pipeline_fingerprint") !== fingerprint || previous.meta.get("salt_fingerprint") !== salt.fingerprint;
  if (previous && fullRebuild) {
    warnings.push(
      previous.meta.get("salt_fingerprint") !== salt.fingerprint
        ? "加密盐已变化，全部文件重新导入（所有散列值随之改变）"
        : "导入程序或代码表已更新，全部文件重新导入"
    );
  }

  const present = new Set(scan.files.map((f) => f.path));
  const removed = new Map<SourceId, string[]>();
  for (const m of previous?.files.values() ?? []) {
    if (!present.has(m.path)) removed.set(m.source, [...(removed.get(m.source) ?? []), m.path]);
  }
  if (!options.prune) {
    for (const [source, paths] of removed) {
      if (!scan.files.some((f) => f.source === source)) {
        throw new IngestError(
          `${source}/ 目录下已没有任何文件，但仓库中有其 ${paths.length} 个文件的数据；如确要删除这些数据，请加 --prune 重新运行`
        );
      }
    }
  }

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
    const canAttach = previous !== null;
    if (canAttach) await con.run(`ATTACH ${literal(p.db)} AS old (READ_ONLY)`);

    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, emptySourceReport(SOURCES[id])])) as Record<SourceId, SourceReport>;
    const manifest: ManifestEntry[] = [];
    const carry: {source: SourceId; path: string}[] = [];
    const loadDir = path.join(build, "_load");
    fs.mkdirSync(loadDir);
    // a file without an earlier version to compare with is hashed once, when it is read
    const comparable = (f: (typeof scan.files)[number]) => !fullRebuild && previous?.files.has(f.path) === true;
    const hashes: (string | null)[] = scan.files.map((f) => {
      if (!comparable(f)) return null;
      try {
        return sha256(fs.readFileSync(f.abs));
      } catch (error) {
        return `unreadable:${(error as NodeJS.ErrnoException).code ?? "error"}`;
      }
    });
    const unchanged = scan.files.map((f, i) => !fullRebuild && previous?.files.get(f.path)?.sha256 === hashes[i]);
    progress({type: "start", files: scan.files.length, toRead: unchanged.filter((u) => !u).length});

    const jobs: StageJob[] = [];
    scan.files.forEach((file, i) => {
      if (!(unchanged[i] && previous?.files.get(file.path))) jobs.push({loadDir, index: i + 1, file, hash: hashes[i], salt: salt.value});
    });
    const {results: staged, threads: readingThreads} = await stageFiles(jobs, {
      workers: configuredWorkers(options.env ?? process.env),
      script: workerScript,
      onStart: (job) =>
        progress({type: "file-start", source: job.file.source, path: job.file.path, index: job.index, files: scan.files.length, size: job.file.size}),
      onRows: (job, rows, total) => progress({type: "file-rows", source: job.file.source, path: job.file.path, rows, total})
    });
    for (const [index, result] of staged) if (result.kind !== "changed") hashes[index - 1] = result.sha256;

    let index = 0;
    let rowsProcessed = 0;
    for (const file of scan.files) {
      index++;
      const source = sources[file.source];
      const hash = hashes[index - 1] ?? "";
      const prev = previous?.files.get(file.path);
      let entry: ManifestEntry;
      let fileReport: FileReport;
      const result = staged.get(index);
      if (!result && prev) {
        progress({type: "file-start", source: file.source, path: file.path, index, files: scan.files.length, size: file.size});
        entry = {...prev, file_order: index, status: prev.status === "error" ? "error" : prev.status === "kept_previous" ? "kept_previous" : "skipped"};
        if (prev.staged_sha256) carry.push({source: file.source, path: file.path});
        fileReport = fileReportFromManifest(entry, true, prev.error, entry.status, today);
      } else {
        if (!result) throw new Error(`internal: ${file.path} was neither skipped nor read`);
        const identity = {path: file.path, source: file.source, sha256: hash, size: file.size, month: file.month, file_order: index};
        if (result.kind === "changed") {
          throw new IngestError(`文件在导入过程中被${result.change === "moved" ? "移走" : "修改"}: ${file.path}；请等复制完成后重新运行`);
        }
        const seconds = result.seconds;
        const now = new Date().toISOString();
        if (result.kind === "error") {
          const keep = !fullRebuild && prev?.staged_sha256 ? prev : null;
          if (keep) carry.push({source: file.source, path: file.path});
          const error = keep ? `${result.error}（本次文件无法导入，保留上次成功导入的 ${keep.accepted} 行）` : result.error;
          entry = {
            ...identity,
            status: keep ? "kept_previous" : "error",
            rows_read: keep?.rows_read ?? 0,
            accepted: keep?.accepted ?? 0,
            rejected: keep?.rejected ?? 0,
            error,
            format: keep?.format ?? null,
            encoding: keep?.encoding ?? null,
            sheets: keep?.sheets ?? null,
            unmapped_columns: keep?.unmapped_columns ?? null,
            staged_sha256: keep?.staged_sha256 ?? null,
            ingested_at: keep?.ingested_at ?? null,
            notes: keep?.notes ?? null
          };
          fileReport = fileReportFromManifest(entry, false, error, entry.status, today);
          fileReport.seconds = seconds;
        } else {
          const outcome = result.outcome;
          rowsProcessed += outcome.rowsRead;
          entry = {
            ...identity,
            status: "ingested",
            rows_read: outcome.rowsRead,
            accepted: outcome.accepted,
            rejected: outcome.rejected,
            error: null,
            format: outcome.format,
            encoding: outcome.encoding,
            sheets: JSON.stringify(outcome.sheets),
            unmapped_columns: JSON.stringify(outcome.unmappedColumns),
            staged_sha256: hash,
            ingested_at: now,
            notes: JSON.stringify({
              encodingConfidence: outcome.encodingConfidence,
              encodingEvidence: outcome.encodingEvidence,
              warnings: outcome.usedZod ? [...outcome.warnings, "逐行校验与 zod 模式不一致，本文件改用 zod 校验（请报告此问题）"] : outcome.warnings,
              latestDate: outcome.latestDate
            } satisfies FileNotes)
          };
          fileReport = fileReportFromManifest(entry, false, null, "ingested", today);
          fileReport.seconds = seconds;
          fileReport.rowsPerSecond = rate(outcome.rowsRead, seconds);
        }
      }
      manifest.push(entry);
      source.files.push(fileReport);
      progress({type: "file-end", source: file.source, path: file.path, file: fileReport});
    }

    progress({type: "phase", phase: "load"});
    await loadBulk(con, loadDir);
    await restoreBulkPaths(con, scan.files);
    if (carry.length) {
      await con.run(createTableSql("_carry", [{name: "source", type: "VARCHAR"}, {name: "path", type: "VARCHAR"}]));
      const appender = await con.createAppender("_carry");
      for (const c of carry) {
        appender.appendVarchar(c.source);
        appender.appendVarchar(c.path);
        appender.endRow();
      }
      appender.closeSync();
      for (const id of SOURCE_IDS) {
        await con.run(`INSERT INTO stage.${ident(id)} SELECT * FROM old.stage.${ident(id)} WHERE source_file IN (SELECT path FROM _carry)`);
      }
      await con.run(`INSERT INTO rejects SELECT * FROM old.main.rejects WHERE file IN (SELECT path FROM _carry)`);
      await con.run("DROP TABLE _carry");
    }
    if (canAttach) await con.run("DETACH old");

    progress({type: "phase", phase: "merge"});
    await con.run(createTableSql("files", FILE_COLUMNS));
    const fa = await con.createAppender("files");
    for (const m of manifest) {
      for (const c of FILE_COLUMNS) {
        const v = (m as unknown as Record<string, unknown>)[c.name];
        if (v === null || v === undefined) fa.appendNull();
        else if (c.type === "INTEGER") fa.appendInteger(Number(v));
        else if (c.type === "BIGINT") fa.appendBigInt(BigInt(v as number));
        else fa.appendVarchar(String(v));
      }
      fa.endRow();
    }
    fa.closeSync();

    await con.run(
      createTableSql("stage.superseded", [
        {name: "source", type: "VARCHAR"},
        {name: "source_file", type: "VARCHAR"},
        {name: "_seq", type: "INTEGER"}
      ])
    );
    for (const id of SOURCE_IDS) {
      const schema = SOURCES[id];
      const key = ident(schema.idField);
      // every version of a record but its newest: the later file wins, and within a file the later row
      await con.run(
        `INSERT INTO stage.superseded
         SELECT ${literal(id)}, source_file, _seq FROM (
           SELECT s.source_file, s._seq, row_number() OVER (PARTITION BY s.${key} ORDER BY f.file_order DESC, s._seq DESC) AS version
           FROM stage.${ident(id)} s JOIN files f ON f.path = s.source_file
           WHERE s.${key} IN (SELECT ${key} FROM stage.${ident(id)} GROUP BY ALL HAVING count(*) > 1)
         ) WHERE version > 1`
      );
      const cols = cleanColumns(schema)
        .map((c) => `s.${ident(c.name)}`)
        .join(", ");
      await con.run(
        `CREATE VIEW main.${ident(id)} AS
         SELECT ${cols} FROM stage.${ident(id)} s
         ANTI JOIN (SELECT source_file, _seq FROM stage.superseded WHERE source = ${literal(id)}) old
           ON old.source_file = s.source_file AND old._seq = s._seq`
      );
    }

    await writeMeta(con, {
      generated_at: new Date().toISOString(),
      warehouse_version: WAREHOUSE_VERSION,
      pipeline_fingerprint: fingerprint,
      salt_fingerprint: salt.fingerprint,
      salt_origin: salt.origin,
      raw_dir: raw
    });
    await writeCodes(con);

    progress({type: "phase", phase: "write"});
    for (const id of SOURCE_IDS) {
      const s = sources[id];
      const schema = SOURCES[id];
      for (const f of s.files) {
        s.rowsRead += f.rowsRead;
        s.accepted += f.accepted;
        s.rejected += f.rejected;
        s.seconds += f.seconds;
      }
      s.seconds = Math.round(s.seconds * 1000) / 1000;
      s.rowsPerSecond = rate(s.files.filter((f) => !f.skipped).reduce((a, f) => a + f.rowsRead, 0), s.seconds);
      s.removedFiles = removed.get(id) ?? [];
      const stats = (
        await con.runAndReadAll(
          `SELECT count(*)::INTEGER AS n, strftime(max(${ident(schema.dateField)}), '%Y-%m') AS latest FROM main.${ident(id)}`
        )
      ).getRowObjectsJson()[0] as {n: number; latest: string | null};
      s.records = Number(stats.n);
      s.versionsMerged = s.accepted - s.records;
      s.latestMonth = stats.latest ?? null;
      s.latestFileMonth = s.files.reduce<string | null>((a, f) => (f.month && (!a || f.month > a) ? f.month : a), null);
      s.rejectionReasons = (
        await con.runAndReadAll(
          `SELECT reason_code AS reason, min(reason) AS example, count(*)::INTEGER AS count FROM rejects
           WHERE source = ${literal(id)} GROUP BY reason_code ORDER BY count DESC, reason_code`
        )
      ).getRowObjectsJson() as unknown as ReasonCount[];
    }

    await con.run("CHECKPOINT");
    await writeRejectsCsv(con, path.join(build, path.basename(p.rejectsCsv)));
    const seconds = (Date.now() - started) / 1000;
    const all = Object.values(sources);
    const files = all.flatMap((s) => s.files);
    const report: IngestReport = {
      generatedAt: new Date().toISOString(),
      raw,
      warehouse: p.dir,
      fullRebuild,
      sources,
      totals: {
        files: files.length,
        filesRead: files.filter((f) => !f.skipped).length,
        filesSkipped: files.filter((f) => f.skipped).length,
        filesWithErrors: files.filter((f) => f.error !== null).length,
        rowsRead: all.reduce((a, s) => a + s.rowsRead, 0),
        accepted: all.reduce((a, s) => a + s.accepted, 0),
        rejected: all.reduce((a, s) => a + s.rejected, 0),
        records: all.reduce((a, s) => a + s.records, 0)
      },
      ignored: scan.ignored,
      warnings: [...warnings, ...futureWarning(files)],
      timing: {startedAt, seconds: Math.round(seconds * 1000) / 1000, rowsProcessed, rowsPerSecond: rate(rowsProcessed, seconds), readingThreads},
      salt: {origin: salt.origin}
    };
    fs.writeFileSync(path.join(build, path.basename(p.report)), JSON.stringify(report, null, 2) + "\n");
    return report;
  } finally {
    db.close();
  }
}

/** One line for the run naming the files flagged for a month after today. */
function futureWarning(files: FileReport[]): string[] {
  const future = files.filter((f) => f.futureMonth);
  return future.length ? [`${future.length} 个文件的月份晚于今天（已导入，请核对日期）：${future.map((f) => f.path).join("、")}`] : [];
}

/** One COPY per table over all the bulk files the run wrote (a glob), instead of one per export. */
async function loadBulk(con: Db["con"], loadDir: string): Promise<void> {
  const names = fs.readdirSync(loadDir);
  for (const id of SOURCE_IDS) {
    if (names.some((n) => n.startsWith(`stage-${id}-`))) await copyTsv(con, `stage.${ident(id)}`, path.join(loadDir, `stage-${id}-*.tsv`));
  }
  if (names.some((n) => n.startsWith("rejects-"))) await copyTsv(con, "rejects", path.join(loadDir, "rejects-*.tsv"));
  fs.rmSync(loadDir, {recursive: true, force: true});
}

async function writeMeta(con: Db["con"], meta: Record<string, string>): Promise<void> {
  await con.run(createTableSql("meta", [{name: "key", type: "VARCHAR"}, {name: "value", type: "VARCHAR"}]));
  const a = await con.createAppender("meta");
  for (const [k, v] of Object.entries(meta)) {
    a.appendVarchar(k);
    a.appendVarchar(v);
    a.endRow();
  }
  a.closeSync();
}

/** The code lists, so that SQL can show names for the codes stored in the clean tables. */
async function writeCodes(con: Db["con"]): Promise<void> {
  await con.run(
    createTableSql("codes", [
      {name: "list", type: "VARCHAR"},
      {name: "code", type: "VARCHAR"},
      {name: "name", type: "VARCHAR"},
      {name: "parent", type: "VARCHAR"},
      {name: "position", type: "INTEGER"}
    ])
  );
  const a = await con.createAppender("codes");
  for (const list of Object.values(CODE_LISTS)) {
    list.entries.forEach((e, i) => {
      a.appendVarchar(list.id);
      a.appendVarchar(e.code);
      a.appendVarchar(e.name);
      if (e.parent) a.appendVarchar(e.parent);
      else a.appendNull();
      a.appendInteger(i);
      a.endRow();
    });
  }
  a.closeSync();
}

/** rejects.csv for people: UTF-8 with BOM so that Excel opens it with the Chinese intact. */
async function writeRejectsCsv(con: Db["con"], file: string): Promise<void> {
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
