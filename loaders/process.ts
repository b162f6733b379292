import {compileAnonymizer} from "./anonymize.ts";
import {describeMissing, findHeader, isBlankRow, isRepeatedHeader, isTotalRow, type HeaderMatch} from "./headers.ts";
import {compileNormalizer, type Issue} from "./normalize.ts";
import {ReadError, readTable, type Cell, type ReadResult} from "./read.ts";
import XLSX from "./xlsx.ts";
import type {SourceSchema} from "./schema/index.ts";
import {compileFastValidator, compileValidator} from "./validate.ts";

/** A file-level failure: the file is reported with this message and none of its rows are taken. */
export class FileError extends Error {
  override name = "FileError";
}

export interface AcceptedRow {
  /** Running index of the row within the file (across sheets): the later of two rows with one id wins. */
  seq: number;
  sheet: string;
  /** Spreadsheet row number as a person sees it. */
  rowNumber: number;
  /** Normalized, validated and anonymized values keyed by field name. */
  values: Record<string, unknown>;
}

export interface RejectedRow {
  sheet: string;
  rowNumber: number;
  recordId: string | null;
  issues: Issue[];
  /** The row as read: header text -> cell value (empty cells left out); a null-prototype object, as the keys are the file's. */
  original: Record<string, Cell>;
}

export interface FileOutcome {
  format: ReadResult["format"];
  encoding: string | null;
  encodingConfidence: ReadResult["encodingConfidence"];
  encodingEvidence: string | null;
  sheets: {name: string; headerRow: number; rowsRead: number}[];
  unmappedColumns: string[];
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Sheets left out and similar remarks. */
  warnings: string[];
  /** The latest value (YYYY-MM-DD…) of the source's date field among the accepted rows, or null. */
  latestDate: string | null;
  /** True when the zod cross-check disagreed with the compiled validator and zod judged the file. */
  usedZod: boolean;
}

export interface ProcessOptions {
  salt: string;
  accept: (row: AcceptedRow) => void;
  reject: (row: RejectedRow) => void;
  /** Called every few thousand rows with the rows done so far and the file's total row estimate. */
  onRows?: (done: number, total: number) => void;
}

const NOTE = /^(制表|填报|审核|复核|备注|说明|注[:：]|数据来源|统计时间|统计口径|打印|导出时间|负责人[:：])/;

/** A footer line such as 制表人：… or 注：…: one cell of text and nothing else. */
function isNoteRow(row: Cell[]): boolean {
  let text: string | null = null;
  for (const c of row) {
    if (c === null || c === "") continue;
    if (text !== null || typeof c !== "string") return false;
    text = c.trim();
  }
  return text !== null && NOTE.test(text);
}

function columnName(i: number): string {
  return XLSX.utils.encode_col(i);
}

function headerNames(header: Cell[], width: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < width; i++) {
    let n = header[i] === null || header[i] === undefined ? "" : String(header[i]).replace(/\s+/g, "");
    if (!n || seen.has(n)) n = `${n || "列"}(${columnName(i)})`;
    seen.add(n);
    names.push(n);
  }
  return names;
}

/** Delimited text is parsed row by row past this many rows (the header is looked for in the first 30). */
const STREAM_AFTER_ROWS = 100;

/**
 * Rows of each file also checked by zod, a cross-check of the compiled validator (which unit tests hold to zod's
 * verdicts). zod takes about 9 µs a row, as long as everything else together: 200 rows a file cost 0.4 s of a
 * 10^6-row ingest's 12 s; the first rows of a file vary little, so more of them add little.
 */
export const ZOD_SAMPLE = 50;

/**
 * Reads one export and passes each data row on as accepted (normalized, validated, anonymized) or rejected
 * (with reasons and its original values). Title rows above the header, blank rows, 合计 rows, repeated headers
 * and footer notes are not data rows. Throws FileError when the file cannot be read or lacks required columns;
 * rows are only passed on once every sheet's header is known to be complete.
 */
export function processFile(buf: Uint8Array, fileName: string, schema: SourceSchema, options: ProcessOptions): FileOutcome {
  let table: ReadResult;
  try {
    table = readTable(buf, fileName, {headRows: STREAM_AFTER_ROWS});
  } catch (error) {
    if (error instanceof ReadError) throw new FileError(error.message);
    throw new FileError(`无法读取: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields = schema.fields.filter((f) => !f.derived);
  const matched: {sheet: (typeof table.sheets)[number]; header: HeaderMatch}[] = [];
  const partial: {sheet: string; header: HeaderMatch}[] = [];
  const warnings: string[] = [...table.warnings];
  for (const sheet of table.sheets) {
    const header = findHeader(sheet.rows, fields);
    if (!header) {
      if (table.sheets.length > 1 && sheet.rows.some((r) => !isBlankRow(r))) warnings.push(`工作表“${sheet.name}”没有可识别的表头，未导入`);
      continue;
    }
    if (header.missing.length) partial.push({sheet: sheet.name, header});
    else matched.push({sheet, header});
  }
  if (!matched.length && partial.length) {
    const best = partial.reduce((a, b) => (b.header.columns.size > a.header.columns.size ? b : a));
    throw new FileError(describeMissing(best.header.missing));
  }
  for (const p of partial) warnings.push(`工作表“${p.sheet}”${describeMissing(p.header.missing)}，未导入`);
  if (!matched.length) {
    const required = fields.filter((f) => f.required).map((f) => f.label);
    throw new FileError(`找不到表头行（前 30 行中没有可识别的列名）；必需列: ${required.join("、")}`);
  }

  const total = matched.reduce((a, m) => a + (m.sheet.estimatedRows ?? m.sheet.rows.length) - m.header.rowIndex - 1, 0);
  const judge = compileRowJudge(schema, options.salt);
  let seq = 0;
  let accepted = 0;
  let rejected = 0;
  let latestDate: string | null = null;
  const dateField = schema.dateField;
  const sheets: FileOutcome["sheets"] = [];
  const unmapped = new Set<string>();

  for (const {sheet, header} of matched) {
    header.unmapped.forEach((u) => unmapped.add(u));
    const judgeRow = judge.forColumns(header.columns, table.date1904);
    const headerRow = sheet.rows[header.rowIndex];
    const original = originalCells(headerRow);
    const undecodable = sheet.replacement ? replacementCheck(headerRow) : null;
    let sheetRows = 0;
    let r = header.rowIndex;
    const visit = (cells: Cell[]) => {
      r++;
      if (!isDataRow(cells, headerRow)) return;
      sheetRows++;
      seq++;
      const rowNumber = sheet.firstRow + r;
      const verdict = (undecodable && undecodable(cells)) || judgeRow(cells);
      if (verdict.accepted) {
        options.accept({seq, sheet: sheet.name, rowNumber, values: verdict.values});
        accepted++;
        const date = verdict.values[dateField];
        if (typeof date === "string" && (latestDate === null || date > latestDate)) latestDate = date;
      } else {
        options.reject({sheet: sheet.name, rowNumber, recordId: verdict.recordId, issues: verdict.issues, original: original(cells)});
        rejected++;
      }
      if (options.onRows && seq % 5000 === 0) options.onRows(seq, Math.max(total, seq));
    };
    for (let i = header.rowIndex + 1; i < sheet.rows.length; i++) visit(sheet.rows[i]);
    sheet.rest?.(visit);
    sheets.push({name: sheet.name, headerRow: sheet.firstRow + header.rowIndex, rowsRead: sheetRows});
  }
  options.onRows?.(seq, seq);
  if (sheets.length > 1) warnings.push(`读取了 ${sheets.length} 个工作表：${sheets.map((s) => `“${s.name}”（${s.rowsRead} 行）`).join("、")}（如其中有重复或过时的副本，请删除后重新导入）`);
  return {
    format: table.format,
    encoding: table.encoding,
    encodingConfidence: table.encodingConfidence,
    encodingEvidence: table.encodingEvidence,
    sheets,
    unmappedColumns: [...unmapped],
    rowsRead: seq,
    accepted,
    rejected,
    warnings,
    latestDate,
    usedZod: judge.usedZod()
  };
}

/** Whether a row below the header holds data: not blank, not a 合计 line, not a repeated header, not a footer note. */
export function isDataRow(cells: Cell[], headerRow: Cell[]): boolean {
  return !(isBlankRow(cells) || isTotalRow(cells) || isRepeatedHeader(cells, headerRow) || isNoteRow(cells));
}

/**
 * The original cells of a rejected row keyed by header text (empty cells left out), in an object without a prototype:
 * a column headed __proto__ is a key like any other, not the object's prototype.
 */
export function originalCells(headerRow: Cell[]): (cells: Cell[]) => Record<string, Cell> {
  let names: string[] | null = null;
  return (cells) => {
    names ??= headerNames(headerRow, Math.max(headerRow.length, cells.length));
    if (names.length < cells.length) names = headerNames(headerRow, cells.length);
    const original: Record<string, Cell> = Object.create(null);
    cells.forEach((c, i) => {
      if (c !== null && c !== "") original[names![i]] = c;
    });
    return original;
  };
}

/** Reason code of a row that holds U+FFFD, the mark of bytes that could not be decoded. */
export const UNDECODABLE = "encoding:undecodable";

/**
 * Rejects a row holding U+FFFD in any cell, naming the columns, before it is judged: a value garbled by a wrong
 * encoding must not reach the warehouse, nor be quoted as if it were data in the reasons of other checks.
 */
function replacementCheck(headerRow: Cell[]): (cells: Cell[]) => RowVerdict | null {
  let names: string[] | null = null;
  return (cells) => {
    let columns: string[] | null = null;
    cells.forEach((c, i) => {
      if (typeof c === "string" && c.includes("\ufffd")) {
        names = names && names.length >= cells.length ? names : headerNames(headerRow, Math.max(headerRow.length, cells.length));
        (columns ??= []).push(names[i]);
      }
    });
    if (!columns) return null;
    const message = `列“${(columns as string[]).join("”“")}”含无法解码的字节（显示为替换符号），文件编码可能有误；本行未导入，请按正确编码重新导出或改正该行`;
    return {accepted: false, issues: [{code: UNDECODABLE, field: null, message}], recordId: null};
  };
}

export type RowVerdict =
  | {accepted: true; values: Record<string, unknown>}
  | {accepted: false; issues: Issue[]; recordId: string | null};

export interface RowJudge {
  /** Judges the data rows of one sheet, in order: normalized, validated and, when accepted, anonymized. */
  forColumns(columns: ReadonlyMap<string, number>, date1904: boolean): (cells: Cell[]) => RowVerdict;
  /** True once the zod cross-check of the first rows disagreed with the compiled validator (zod then judges). */
  usedZod(): boolean;
}

/** The verdict on each data row of a file; the first rows are also checked by zod, which decides on any disagreement. */
export function compileRowJudge(schema: SourceSchema, salt: string): RowJudge {
  const anonymize = compileAnonymizer(schema, salt);
  const fast = compileFastValidator(schema);
  const zod = compileValidator(schema);
  let usedZod = false;
  let sampled = 0;
  return {
    usedZod: () => usedZod,
    forColumns(columns, date1904) {
      const normalize = compileNormalizer(schema, columns, {date1904});
      return (cells) => {
        const normalized = normalize(cells);
        let issues = usedZod ? zod(normalized) : fast(normalized);
        if (!usedZod && sampled < ZOD_SAMPLE) {
          sampled++;
          // the compiled validator must agree with the schema's zod definition; if it ever does not, zod decides
          const check = zod({row: {...normalized.row}, issues: normalized.issues});
          if ((check.length === 0) !== (issues.length === 0)) {
            usedZod = true;
            issues = check;
          }
        }
        if (issues.length === 0) {
          anonymize(normalized.row);
          return {accepted: true, values: normalized.row};
        }
        const id = normalized.row[schema.idField];
        return {accepted: false, issues, recordId: typeof id === "string" && id ? id : null};
      };
    }
  };
}
