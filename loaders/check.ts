/**
 * `npm run ingest -- --check`: what an ingest of a raw folder would do, before the first real one, without writing
 * anything to the warehouse. For each file: format, encoding, sheets and header row; each column's field, or the
 * nearest field for one that maps to none; the fields that place rows and are missing; new values per coded field;
 * the reasons rows would be rejected. And the YAML snippet for the new values.
 */
import fs from "node:fs";
import path from "node:path";
import {nameSimilarity, normalizeName, type CodeBook} from "./codes/index.ts";
import {newValuesYaml} from "./codes/snippet.ts";
import {scanRaw} from "./manifest.ts";
import type {RowPlace} from "./findings.ts";
import {FileError, headerFields, processFile, type FileOutcome} from "./process.ts";
import {mergeNewValues, reasonLabel, type FileReport, type SourceNewValue} from "./report.ts";
import {SOURCES, type SourceId} from "./schema/index.ts";

export interface CheckColumn {
  header: string;
  /** The field it fills, or null. */
  field: string | null;
  label: string | null;
  /** For a column that fills no field: the nearest field by its headers, a suggestion for headers.yaml. */
  suggestion: {field: string; label: string} | null;
}

export interface CheckFile {
  path: string;
  source: SourceId;
  /** Why the file would not be read at all (not a spreadsheet, no column with the record id or date), or null. */
  error: string | null;
  format: string | null;
  encoding: string | null;
  sheets: {name: string; headerRow: number; rowsRead: number; columns: CheckColumn[]; absent: string[]}[];
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Rows that would be rejected, by first reason. */
  reasons: {reason: string; label: string; count: number}[];
  warnings: string[];
  newValues: FileReport["newValues"];
}

export interface CheckReport {
  raw: string;
  codes: string;
  files: CheckFile[];
  /** Entries under the raw folder that are not read, with the reason. */
  ignored: {path: string; reason: string}[];
  newValues: SourceNewValue[];
  newValuesYaml: string;
}

/** The field whose headers are nearest to an unmapped column's header, when one is near enough to suggest. */
function nearestField(source: SourceId, book: CodeBook, header: string): {field: string; label: string} | null {
  const key = normalizeName(header);
  let best: {field: string; label: string; score: number} | null = null;
  for (const f of headerFields(SOURCES[source], book)) {
    for (const name of [f.label, ...(f.aliases ?? [])]) {
      const score = nameSimilarity(normalizeName(name), key);
      if (!best || score > best.score) best = {field: f.name, label: f.label, score};
    }
  }
  return best && best.score >= 0.4 ? {field: best.field, label: best.label} : null;
}

/** "第 3、4、9 行" for the first rows of a warning (the sheet named when there are several), "…" past ten. */
function rowList(at: readonly RowPlace[]): string {
  const sheets = new Set(at.map((p) => p.sheet)).size > 1;
  const shown = at.slice(0, 10).map((p) => (sheets ? `${p.sheet}!${p.row}` : String(p.row)));
  return `第 ${shown.join("、")}${at.length > 10 ? "…" : ""} 行`;
}

/** Runs the reading, normalizing and checking of every file of `raw` in memory; writes nothing. */
export function checkRaw(raw: string, book: CodeBook): CheckReport {
  const scan = scanRaw(raw);
  const files: CheckFile[] = [];
  for (const file of scan.files) {
    const schema = SOURCES[file.source];
    const reasons = new Map<string, number>();
    const entry: CheckFile = {path: file.path, source: file.source, error: null, format: null, encoding: null, sheets: [], rowsRead: 0, accepted: 0, rejected: 0, reasons: [], warnings: [], newValues: []};
    files.push(entry);
    if (!file.spreadsheet) {
      entry.error = `不是电子表格文件（${path.extname(file.path) || "无扩展名"}），只读取 .xlsx、.xls、.csv`;
      continue;
    }
    let outcome: FileOutcome;
    try {
      outcome = processFile(fs.readFileSync(file.abs), path.basename(file.path), schema, {
        salt: "check",
        book,
        accept: () => {},
        reject: (row) => reasons.set(row.issues[0].code, (reasons.get(row.issues[0].code) ?? 0) + 1)
      });
    } catch (error) {
      entry.error = error instanceof FileError ? error.message : `读取失败: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const label = (name: string) => schema.fields.find((f) => f.name === name)?.label ?? name;
    Object.assign(entry, {
      format: outcome.format,
      encoding: outcome.encoding,
      rowsRead: outcome.rowsRead,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      warnings: [...outcome.warnings, ...outcome.findings.rowWarnings.map((w) => `${w.message}（${w.rows} 行${w.at.length ? `：${rowList(w.at)}` : ""}）`)],
      newValues: outcome.findings.newValues,
      reasons: [...reasons].map(([reason, count]) => ({reason, label: reasonLabel(schema, reason), count})).sort((a, b) => b.count - a.count)
    });
    entry.sheets = outcome.columnMaps.map((m) => ({
      name: m.sheet,
      headerRow: m.headerRow,
      rowsRead: outcome.sheets.find((s) => s.name === m.sheet)?.rowsRead ?? 0,
      columns: m.columns.map((c) => ({
        header: c.header,
        field: c.field,
        label: c.field ? label(c.field) : null,
        suggestion: c.field ? null : nearestField(file.source, book, c.header)
      })),
      absent: m.absent.map(label)
    }));
  }
  const bySource = new Map<SourceId, FileReport[]>();
  for (const f of files) {
    const report = {path: f.path, newValues: f.newValues} as FileReport;
    bySource.set(f.source, [...(bySource.get(f.source) ?? []), report]);
  }
  const newValues = [...bySource].flatMap(([source, reports]) => mergeNewValues(SOURCES[source], reports, book));
  return {raw: path.resolve(raw), codes: book.dir, files, ignored: scan.ignored, newValues, newValuesYaml: newValuesYaml(book, newValues)};
}

const n = (x: number) => x.toLocaleString("zh-CN");

/** The check as text for a terminal, in Chinese. */
export function formatCheck(report: CheckReport): string {
  const out: string[] = [`导入前检查（未写入数据仓库）：${report.raw}`, `代码表：${path.relative(process.cwd(), report.codes) || report.codes}`, ""];
  for (const f of report.files) {
    out.push(`■ ${f.path}`);
    if (f.error) {
      out.push(`  ✗ 不会导入：${f.error}`, "");
      continue;
    }
    out.push(`  格式 ${f.format}${f.encoding ? `，编码 ${f.encoding}` : ""}；数据行 ${n(f.rowsRead)}，将接收 ${n(f.accepted)}，将拒收 ${n(f.rejected)}`);
    for (const s of f.sheets) {
      out.push(`  工作表“${s.name === "csv" ? "（文本文件）" : s.name}”：表头在第 ${s.headerRow} 行，数据 ${n(s.rowsRead)} 行`);
      for (const c of s.columns) {
        if (c.field) out.push(`    ${c.header} → ${c.label}（${c.field}）`);
        else out.push(`    ${c.header} → （未对应任何字段，不导入）${c.suggestion ? `；最接近的字段：${c.suggestion.label}（${c.suggestion.field}），如是同一列，可在 data/codes/headers.yaml 中加入此表头` : ""}`);
      }
      if (s.absent.length) out.push(`    文件中没有的字段（取空值或由程序推定）：${s.absent.join("、")}`);
    }
    out.push(`  缺少的必需列：无`);
    if (f.newValues.length) {
      out.push("  新取值（照常接收，单独计数）：");
      for (const v of f.newValues) out.push(`    ${SOURCES[f.source].fields.find((x) => x.name === v.field)?.label ?? v.field}：“${v.value}” ${n(v.rows)} 行（首见第 ${v.row} 行）`);
    }
    if (f.reasons.length) out.push(`  将拒收的原因：${f.reasons.map((r) => `${r.label} ${n(r.count)} 行`).join("；")}`);
    for (const w of f.warnings) out.push(`  提示：${w}`);
    out.push("");
  }
  if (report.ignored.length) out.push("不会导入的文件和目录：", ...report.ignored.map((i) => `  ${i.path}：${i.reason}`), "");
  if (report.newValuesYaml) {
    out.push("可粘贴到代码表的 YAML（请核对代码和名称后再加入）：", "", report.newValuesYaml);
  } else {
    out.push("没有代码表以外的新取值。");
  }
  return out.join("\n");
}
