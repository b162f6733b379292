import type {SourceId} from "./schema/index.ts";

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
  /** Text files: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, or two joined by "+" when lines differ. */
  encoding: string | null;
  /** Text files: how sure the encoding is (certain: by structure; likely: by measure; doubtful) and the evidence. */
  encodingConfidence: "certain" | "likely" | "doubtful" | null;
  encodingEvidence: string | null;
  /** The month (YYYY-MM) after the current one that the file's name or its rows' dates name; such a file is ingested and flagged. */
  futureMonth: string | null;
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
  /** Every entry under the raw folder that was not read (outside the source folders, hidden, lock files, broken or looping links), with the reason. */
  ignored: {path: string; reason: string}[];
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

/** Today's date in China (UTC+8, no daylight saving), YYYY-MM-DD. */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Flags a file whose name names a month after the current one, or whose rows' latest date (the source's date field)
 * lies after today: sets `futureMonth` and adds a warning. Such a file is still ingested; the date may be a typo.
 */
export function flagFuture(file: FileReport, latestDate: string | null, today: string): void {
  const month = today.slice(0, 7);
  const fromName = file.month !== null && file.month > month ? file.month : null;
  const fromRows = latestDate !== null && latestDate.slice(0, 10) > today ? latestDate.slice(0, 10) : null;
  if (!fromName && !fromRows) return;
  const rowsMonth = fromRows ? fromRows.slice(0, 7) : null;
  file.futureMonth = fromName && rowsMonth ? (fromName > rowsMonth ? fromName : rowsMonth) : (fromName ?? rowsMonth);
  const said = [fromName && `文件名中的月份 ${fromName}`, fromRows && `数据行中最晚的日期 ${fromRows}`].filter(Boolean).join("、");
  file.warnings.push(`${said} 晚于今天（${today}），请核对日期是否有误；本文件已照常导入`);
}

export function rate(rows: number, seconds: number): number {
  return seconds > 0 ? Math.round(rows / seconds) : 0;
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
