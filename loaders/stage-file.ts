import fs from "node:fs";
import path from "node:path";
import {loadCodeBook, type CodeBook} from "./codes/index.ts";
import {noteText} from "./findings.ts";
import {sha256, type RawFile} from "./manifest.ts";
import {bulkFiles, bulkPath, compileStageLine, rejectRow} from "./layout.ts";
import {FileError, processFile, type AcceptedRow, type FileOutcome} from "./process.ts";
import {SOURCES} from "./schema/index.ts";
import {TsvWriter} from "./bulk.ts";
import {loadGeoConfig} from "./geo/config.ts";
import {geoStep} from "./geo/step.ts";

/** One export to read into bulk files; plain data, so that it can be posted to a worker thread. */
export interface StageJob {
  loadDir: string;
  /** Position of the file in the run (names its bulk files). */
  index: number;
  file: RawFile;
  /**
   * sha256 taken when the run listed the files, which the content read must still have; null when the run had no
   * use for it before reading (the file is read anyway): the content read is hashed instead, and must still have the
   * size the file had when listed.
   */
  hash: string | null;
  salt: string;
  /** The code book's folder (read once per thread) and its fingerprints, which the folder must still have. */
  codes: {dir: string; fingerprints: Readonly<Record<string, string>>};
  /** The geography settings' folder (data/geo), for sources with coordinates. */
  geo: string;
}

const books = new Map<string, CodeBook>();

/**
 * Gives this thread the run's code book, read and checked once by the run, so that a reading thread does not parse
 * the YAML folder again (about 0.5 s a thread, CPU profile 2026-12-02); a job whose fingerprints differ reads the
 * folder as before.
 */
export function useCodeBook(book: CodeBook): void {
  books.set(book.dir, book);
}

/** The job's code book, read once per thread; a book edited since the run began is an error, not a silent mix. */
function bookFor(job: StageJob): CodeBook {
  let book = books.get(job.codes.dir);
  if (!book || JSON.stringify(book.fingerprints) !== JSON.stringify(job.codes.fingerprints)) {
    book = loadCodeBook(job.codes.dir);
    books.set(job.codes.dir, book);
    if (JSON.stringify(book.fingerprints) !== JSON.stringify(job.codes.fingerprints)) throw new Error("代码表在导入过程中被修改，请重新运行");
  }
  return book;
}

export type StageResult =
  | {kind: "staged"; outcome: FileOutcome; seconds: number; sha256: string}
  | {kind: "error"; error: string; seconds: number; sha256: string}
  /** The file was moved or rewritten while the run was reading the raw folder. */
  | {kind: "changed"; change: "moved" | "modified"};

/**
 * Reads one export into bulk files for stage.<source> and rejects in the job's load directory (loaded all at once
 * later); a file that fails leaves none behind.
 */
export function stageFile(job: StageJob, onRows: (rows: number, total: number) => void): StageResult {
  const t0 = Date.now();
  const {file} = job;
  const seconds = () => (Date.now() - t0) / 1000;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file.abs);
  } catch (error) {
    if (job.hash !== null && !job.hash.startsWith("unreadable:")) return {kind: "changed", change: "moved"};
    const unreadable = job.hash ?? `unreadable:${(error as NodeJS.ErrnoException).code ?? "error"}`;
    return {kind: "error", error: `无法读取文件（${unreadable.slice("unreadable:".length)}），请检查文件权限`, seconds: seconds(), sha256: unreadable};
  }
  const hash = sha256(buf);
  if (job.hash === null ? buf.length !== file.size : hash !== job.hash) return {kind: "changed", change: "modified"};
  if (!file.spreadsheet) {
    return {kind: "error", error: `不是电子表格文件（${path.extname(file.path) || "无扩展名"}），只读取 .xlsx、.xls、.csv`, seconds: seconds(), sha256: hash};
  }
  const schema = SOURCES[file.source];
  const {stage: stagePath, rejects: rejectPath} = bulkFiles(job.loadDir, schema.source, job.index);
  const stage = new TsvWriter(stagePath);
  const rejects = new TsvWriter(rejectPath);
  const bulkFile = bulkPath(file.path, job.index);
  const stageLine = compileStageLine(schema, bulkFile);
  const labelOf = (field: string) => schema.fields.find((f) => f.name === field)?.label ?? field;
  const write = (row: AcceptedRow) => stage.writeLine(stageLine(row.seq, row.values, row.rowNumber));
  let outcome: FileOutcome;
  try {
    // sources with coordinates place each accepted row (lon/lat, system, flags) before it is staged
    const geo = schema.fields.some((f) => f.name === "x") && schema.fields.some((f) => f.name === "y") ? geoStep(file, write, loadGeoConfig(job.geo)) : null;
    outcome = processFile(buf, path.basename(file.path), schema, {
      salt: job.salt,
      book: bookFor(job),
      accept: geo ? geo.accept : write,
      onSheet: geo ? ({headers}) => geo.sheet({x: headers.get("x"), y: headers.get("y")}) : undefined,
      reject: (row) =>
        rejects.write(
          rejectRow({
            source: schema.source,
            file: bulkFile,
            sheet: row.sheet,
            row: row.rowNumber,
            recordId: row.recordId,
            reasonCode: row.issues[0].code,
            reason: [...row.issues.map((i) => i.message), ...(row.notes ?? []).map((n) => noteText(n, labelOf))].join("；"),
            original: JSON.stringify(row.original)
          })
        ),
      onRows
    });
    if (geo) outcome.warnings.push(geo.finish().message);
  } catch (error) {
    stage.close();
    rejects.close();
    fs.rmSync(stagePath, {force: true});
    fs.rmSync(rejectPath, {force: true});
    const message = error instanceof FileError ? error.message : `读取失败: ${error instanceof Error ? error.message : String(error)}`;
    return {kind: "error", error: message, seconds: seconds(), sha256: hash};
  }
  stage.close();
  rejects.close();
  return {kind: "staged", outcome, seconds: seconds(), sha256: hash};
}
