import {closestEntry, type Closest, type CodeBook, type CodeListId} from "./codes/index.ts";
import {LISTED_ROWS, type NewValue, type RowPlace, type RowWarning} from "./findings.ts";
import type {FileNotes, ManifestEntry} from "./manifest.ts";
import type {SheetColumns} from "./process.ts";
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
  /** Text files: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, or two joined by "+" when lines differ. */
  encoding: string | null;
  /** Text files: how sure the encoding is (certain: by structure; likely: by measure; doubtful) and the evidence. */
  encodingConfidence: "certain" | "likely" | "doubtful" | null;
  encodingEvidence: string | null;
  /** The month (YYYY-MM) after the current one that the file's name or its rows' dates name; such a file is ingested and flagged. */
  futureMonth: string | null;
  sheets: {name: string; headerRow: number; rowsRead: number}[];
  unmappedColumns: string[];
  /** Remarks that did not stop the file, such as sheets left out or two columns for one field. */
  warnings: string[];
  /** Values of accepted rows that the code lists do not know (kept as their text). */
  newValues: NewValue[];
  /** Inconsistencies in accepted rows, kept in the data (as counts with their first row). */
  rowWarnings: RowWarning[];
  /** How each sheet's columns were mapped to fields. */
  columnMaps: SheetColumns[];
  seconds: number;
  rowsPerSecond: number;
}

/** A value new to a code list, over all the files of a source. */
export interface SourceNewValue {
  field: string;
  /** The field's Chinese label (大类, 处置部门, …). */
  label: string;
  list: CodeListId;
  listLabel: string;
  /** The YAML file to add it to (data/codes/<list>.yaml). */
  file: string;
  value: string;
  /** Accepted rows with this value. */
  rows: number;
  firstFile: string;
  firstSheet: string;
  firstRow: number;
  /** The parent code seen with it (a minor's major, a community's street), for the YAML snippet. */
  context: string | null;
  /** The nearest known entry, a suggestion only. */
  closest: Closest | null;
}

/** A kind of inconsistency kept in the data, over all the files of a source. */
export interface SourceRowWarning {
  code: string;
  field: string | null;
  /** The wording of its first occurrence. */
  message: string;
  rows: number;
  firstFile: string;
  firstRow: number;
  /** The rows it was found in, file by file, the first LISTED_ROWS (findings.ts) of each file and of the source. */
  at: (RowPlace & {file: string})[];
}

export interface ReasonCount {
  /** Stable code, e.g. required:case_id, invalid_datetime:reported_at, damaged_id:case_id, rule:closed_after_reported. */
  reason: string;
  /** The reason in Chinese, without any value (see reasonLabel). */
  label: string;
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
  /** Values new to the code lists, by field and value, most rows first. */
  newValues: SourceNewValue[];
  /** Inconsistencies kept in the data, by kind. */
  rowWarnings: SourceRowWarning[];
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
  /** Ready-to-paste YAML for every source's new values (loaders/codes/snippet.ts); empty when there are none. */
  newValuesYaml: string;
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
    newValues: [],
    rowWarnings: [],
    latestMonth: null,
    latestFileMonth: null,
    seconds: 0,
    rowsPerSecond: 0
  };
}

/** A file's report from its manifest entry (`seconds` and the rate are the caller's to fill in for a file read now). */
export function fileReportFromManifest(m: ManifestEntry, skipped: boolean, today: string): FileReport {
  let sheets: FileReport["sheets"] = [];
  let unmapped: string[] = [];
  let notes: Partial<FileNotes> = {};
  try {
    sheets = m.sheets ? JSON.parse(m.sheets) : [];
    unmapped = m.unmapped_columns ? JSON.parse(m.unmapped_columns) : [];
    notes = m.findings ? JSON.parse(m.findings) : {};
  } catch {
    // older manifests may hold plain text
  }
  const report: FileReport = {
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
    encodingConfidence: notes.encodingConfidence ?? null,
    encodingEvidence: notes.encodingEvidence ?? null,
    futureMonth: null,
    sheets,
    unmappedColumns: unmapped,
    warnings: [...(notes.warnings ?? [])],
    newValues: notes.newValues ?? [],
    rowWarnings: notes.rowWarnings ?? [],
    columnMaps: notes.columnMaps ?? [],
    seconds: 0,
    rowsPerSecond: 0
  };
  flagFuture(report, notes.latestDate ?? null, today);
  return report;
}

/**
 * Completes each source's report once the warehouse is merged: totals of its files, records and the latest month from
 * its clean table, and the rejects by first reason.
 */
export async function completeSourceReports(
  con: Db["con"],
  sources: Record<SourceId, SourceReport>,
  removed: ReadonlyMap<SourceId, string[]>,
  book: CodeBook
): Promise<void> {
  for (const id of SOURCE_IDS) {
    const s = sources[id];
    const schema = SOURCES[id];
    s.newValues = mergeNewValues(schema, s.files, book);
    s.rowWarnings = mergeRowWarnings(s.files);
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
    const reasons = (
      await con.runAndReadAll(
        `SELECT reason_code AS reason, min(reason) AS example, count(*)::INTEGER AS count FROM rejects
         WHERE source = ${literal(id)} GROUP BY reason_code ORDER BY count DESC, reason_code`
      )
    ).getRowObjectsJson() as unknown as Omit<ReasonCount, "label">[];
    s.rejectionReasons = reasons.map((r) => ({...r, label: reasonLabel(schema, r.reason)}));
  }
}

/** A source's new values from its files' (the first file in export order names where each was first seen). */
export function mergeNewValues(schema: SourceSchema, files: readonly FileReport[], book: CodeBook): SourceNewValue[] {
  const merged = new Map<string, SourceNewValue>();
  for (const f of files) {
    for (const v of f.newValues) {
      const key = `${v.field}\u0000${v.value}`;
      const seen = merged.get(key);
      if (seen) {
        seen.rows += v.rows;
        continue;
      }
      const list = book.lists[v.list];
      const field = schema.fields.find((x) => x.name === v.field);
      merged.set(key, {
        field: v.field,
        label: field?.label ?? v.field,
        list: v.list,
        listLabel: list.label,
        file: list.file,
        value: v.value,
        rows: v.rows,
        firstFile: f.path,
        firstSheet: v.sheet,
        firstRow: v.row,
        context: v.context,
        closest: closestEntry(book, v.list, v.value)
      });
    }
  }
  return [...merged.values()].sort((a, b) => b.rows - a.rows || a.field.localeCompare(b.field) || a.value.localeCompare(b.value));
}

function mergeRowWarnings(files: readonly FileReport[]): SourceRowWarning[] {
  const merged = new Map<string, SourceRowWarning>();
  for (const f of files) {
    for (const w of f.rowWarnings) {
      let seen = merged.get(w.code);
      if (seen) seen.rows += w.rows;
      else merged.set(w.code, (seen = {code: w.code, field: w.field, message: w.message, rows: w.rows, firstFile: f.path, firstRow: w.row, at: []}));
      // a file's findings stored by an earlier version of the ingest name the first row only
      const places = w.at ?? (w.row > 0 ? [{sheet: w.sheet, row: w.row}] : []);
      for (const place of places.slice(0, LISTED_ROWS - seen.at.length)) seen.at.push({file: f.path, ...place});
    }
  }
  return [...merged.values()].sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code));
}

/**
 * A rejection reason code in Chinese, with no value in it (the published report drops the examples, which quote
 * cells): required:case_id → 缺少案卷编号; rule:closed_after_reported → 结案时间早于上报时间; …
 */
export function reasonLabel(schema: SourceSchema, code: string): string {
  const [kind, name] = code.split(":");
  const label = schema.fields.find((f) => f.name === name)?.label ?? name ?? "";
  switch (kind) {
    case "required":
      return `缺少${label}`;
    case "invalid_date":
    case "invalid_datetime":
      return `${label}无法识别为日期`;
    case "invalid_integer":
    case "invalid_number":
      return `${label}无法识别为数值`;
    case "invalid_boolean":
      return `${label}无法识别为是/否`;
    case "damaged_id":
      return `${label}被 Excel 存成数字，末几位已丢失`;
    case "below_min":
      return `${label}为不可能的数值（小于 ${schema.fields.find((f) => f.name === name)?.min ?? 0}）`;
    case "rule":
      return schema.rules.find((r) => r.id === name)?.message ?? `不符合规则 ${name}`;
    case "encoding":
      return "含无法解码的字节（文件编码可能有误）";
    default:
      return `${label}不符合要求`;
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
