import type {ManifestEntry} from "./manifest.ts";
import {SOURCE_IDS, SOURCES, type SourceId, type SourceSchema} from "./schema/index.ts";
import {ident, literal, type Db} from "./warehouse.ts";

export interface FileReport {
  /** Relative to the raw folder: platform/2024-03.xlsx */
  path: string;
  /** Data rows (not title, header, 合计, note or blank rows); always accepted + rejected. */
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Unchanged since the last run (same sha256): not read again, earlier counts reported. */
  skipped: boolean;
  /** Why the file could not be ingested, or null. */
  error: string | null;
  /** "ingested" | "skipped" | "error" | "kept_previous" (unreadable now; the rows of its last good version stay). */
  status: string;
  sha256: string;
  month: string | null;
  format: string | null;
  encoding: string | null;
  sheets: {name: string; headerRow: number; rowsRead: number}[];
  unmappedColumns: string[];
  /** Remarks that did not stop the file, such as sheets left out. */
  warnings: string[];
  seconds: number;
  rowsPerSecond: number;
}

export interface ReasonCount {
  /** Stable code, e.g. required:case_id, invalid_datetime:reported_at, unknown_code:street, rule:closed_after_reported. */
  reason: string;
  /** The maintainer-facing message of one such row. */
  example: string;
  count: number;
}

export interface SourceReport {
  label: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Distinct records after merging versions across files (rows of the clean table). */
  records: number;
  /** Accepted rows that were older versions of a record kept from a newer row: accepted - records. */
  versionsMerged: number;
  files: FileReport[];
  /** Files seen by the previous run that are no longer in the raw folder; their rows were removed. */
  removedFiles: string[];
  /** Rejected rows by their first reason. */
  rejectionReasons: ReasonCount[];
  /** Latest month (YYYY-MM) of the records' date field, and of the file names. */
  latestMonth: string | null;
  latestFileMonth: string | null;
  seconds: number;
  rowsPerSecond: number;
}

export interface IngestReport {
  generatedAt: string;
  raw: string;
  warehouse: string;
  /** True when every file was read again (first run, changed loaders or salt). */
  fullRebuild: boolean;
  sources: Record<SourceId, SourceReport>;
  totals: {
    files: number;
    filesRead: number;
    filesSkipped: number;
    filesWithErrors: number;
    rowsRead: number;
    accepted: number;
    rejected: number;
    records: number;
  };
  /** Paths under the raw folder that belong to no source folder. */
  ignored: string[];
  warnings: string[];
  timing: {
    startedAt: string;
    seconds: number;
    /** Rows read in this run (skipped files excluded) per second of the whole run. */
    rowsProcessed: number;
    rowsPerSecond: number;
    /** Worker threads that read the files (0: read on the main thread). */
    readingThreads: number;
  };
  salt: {origin: string};
}

export function rate(rows: number, seconds: number): number {
  return seconds > 0 ? Math.round(rows / seconds) : 0;
}

/** A source's report before any of its files is counted. */
export function emptySourceReport(schema: SourceSchema): SourceReport {
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

/** A file's report from its manifest entry (`seconds` and the rate are the caller's to fill in for a file read now). */
export function fileReportFromManifest(m: ManifestEntry, skipped: boolean): FileReport {
  let sheets: FileReport["sheets"] = [];
  let unmapped: string[] = [];
  try {
    sheets = m.sheets ? JSON.parse(m.sheets) : [];
    unmapped = m.unmapped_columns ? JSON.parse(m.unmapped_columns) : [];
  } catch {
    // older manifests may hold plain text
  }
  return {
    path: m.path,
    rowsRead: m.rows_read,
    accepted: m.accepted,
    rejected: m.rejected,
    skipped,
    error: m.error,
    status: m.status,
    sha256: m.sha256,
    month: m.month,
    format: m.format,
    encoding: m.encoding,
    sheets,
    unmappedColumns: unmapped,
    warnings: [],
    seconds: 0,
    rowsPerSecond: 0
  };
}

/**
 * Completes each source's report once the warehouse is merged: totals of its files, records and the latest month from
 * its clean table, and the rejects by first reason.
 */
export async function completeSourceReports(con: Db["con"], sources: Record<SourceId, SourceReport>, removed: ReadonlyMap<SourceId, string[]>): Promise<void> {
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
      await con.runAndReadAll(`SELECT count(*)::INTEGER AS n, strftime(max(${ident(schema.dateField)}), '%Y-%m') AS latest FROM main.${ident(id)}`)
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
}

/** The totals over every source's files. */
export function reportTotals(sources: Record<SourceId, SourceReport>): IngestReport["totals"] {
  const all = Object.values(sources);
  const files = all.flatMap((s) => s.files);
  return {
    files: files.length,
    filesRead: files.filter((f) => !f.skipped).length,
    filesSkipped: files.filter((f) => f.skipped).length,
    filesWithErrors: files.filter((f) => f.error !== null).length,
    rowsRead: all.reduce((a, s) => a + s.rowsRead, 0),
    accepted: all.reduce((a, s) => a + s.accepted, 0),
    rejected: all.reduce((a, s) => a + s.rejected, 0),
    records: all.reduce((a, s) => a + s.records, 0)
  };
}

/** Checks the counting invariants; returns the broken ones (empty when the report reconciles). */
export function reconcile(report: IngestReport): string[] {
  const problems: string[] = [];
  const totals = {rowsRead: 0, accepted: 0, rejected: 0, records: 0, files: 0};
  for (const [id, s] of Object.entries(report.sources)) {
    let read = 0;
    let acc = 0;
    let rej = 0;
    for (const f of s.files) {
      if (f.rowsRead !== f.accepted + f.rejected) problems.push(`${f.path}: rowsRead ${f.rowsRead} != accepted ${f.accepted} + rejected ${f.rejected}`);
      read += f.rowsRead;
      acc += f.accepted;
      rej += f.rejected;
    }
    if (s.rowsRead !== read || s.accepted !== acc || s.rejected !== rej) problems.push(`${id}: source totals differ from its files`);
    if (s.rowsRead !== s.accepted + s.rejected) problems.push(`${id}: rowsRead != accepted + rejected`);
    if (s.records > s.accepted) problems.push(`${id}: more records than accepted rows`);
    const reasons = s.rejectionReasons.reduce((a, r) => a + r.count, 0);
    if (reasons !== s.rejected) problems.push(`${id}: rejection reasons count ${reasons}, rejected ${s.rejected}`);
    totals.rowsRead += s.rowsRead;
    totals.accepted += s.accepted;
    totals.rejected += s.rejected;
    totals.records += s.records;
    totals.files += s.files.length;
  }
  for (const k of ["rowsRead", "accepted", "rejected", "records", "files"] as const) {
    if (report.totals[k] !== totals[k]) problems.push(`totals.${k} ${report.totals[k]} != ${totals[k]}`);
  }
  return problems;
}

/** One line for a terminal or a CI log. */
export function summaryLine(report: IngestReport): string {
  const t = report.totals;
  const errors = t.filesWithErrors ? `，${t.filesWithErrors} 个文件有错误` : "";
  return (
    `导入完成: ${t.files} 个文件（读取 ${t.filesRead}，未变跳过 ${t.filesSkipped}${errors}），` +
    `数据行 ${t.rowsRead}，接收 ${t.accepted}，拒收 ${t.rejected}，合并后记录 ${t.records}；` +
    `${report.timing.seconds.toFixed(1)} 秒，${report.timing.rowsPerSecond} 行/秒 -> ${report.warehouse}`
  );
}
