import {compileAnonymizer} from "./anonymize.ts";
import {resolveCode, type CodeBook} from "./codes/index.ts";
import {compileDeriver} from "./derive.ts";
import {FindingsCollector, type FileFindings, type Note} from "./findings.ts";
import {describeMissing, findHeader, isBlankRow, isRepeatedHeader, isTotalRow, type HeaderField, type HeaderMatch} from "./headers.ts";
import {compileNormalizer, type Issue} from "./normalize.ts";
import {normalizeText} from "./parse/text.ts";
import {ReadError, readTable, type Cell, type ReadResult} from "./read.ts";
import XLSX from "./xlsx.ts";
import type {SourceSchema} from "./schema/index.ts";
import {compileFastValidator, compileValidator, compileWarnings} from "./validate.ts";

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
  /** New values and warnings found in the row, or null. */
  notes: Note[] | null;
}

export interface RejectedRow {
  sheet: string;
  rowNumber: number;
  recordId: string | null;
  issues: Issue[];
  /** New values and warnings the row holds besides the issues, said in its reason too. */
  notes?: Note[] | null;
  /** The row as read: header text -> cell value (empty cells left out); a null-prototype object, as the keys are the file's. */
  original: Record<string, Cell>;
}

/** How one sheet's header row was read: each column's header text and the field it fills (null: none). */
export interface SheetColumns {
  sheet: string;
  headerRow: number;
  columns: {header: string; field: string | null}[];
  /** Fields of the source that no column fills (values stay empty, or are derived). */
  absent: string[];
}

export interface FileOutcome {
  format: ReadResult["format"];
  encoding: string | null;
  encodingConfidence: ReadResult["encodingConfidence"];
  encodingEvidence: string | null;
  sheets: {name: string; headerRow: number; rowsRead: number}[];
  unmappedColumns: string[];
  /** The column mapping of every sheet read, for `--check` and the report. */
  columnMaps: SheetColumns[];
  /** New values and warnings found in the accepted rows. */
  findings: FileFindings;
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
  book: CodeBook;
  accept: (row: AcceptedRow) => void;
  reject: (row: RejectedRow) => void;
  /** Called every few thousand rows with the rows done so far and the file's total row estimate. */
  onRows?: (done: number, total: number) => void;
  /** Called before each sheet's rows with the header text of every field it has (field name -> text as written). */
  onSheet?: (sheet: {name: string; headers: ReadonlyMap<string, string>}) => void;
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

/** The fields whose columns a header row may name: the schema's, with the bureau's extra header texts (headers.yaml). */
export function headerFields(schema: SourceSchema, book: CodeBook): HeaderField[] {
  const extra = book.headers[schema.source] ?? {};
  return schema.fields.filter((f) => !f.derived).map((f) => ({...f, aliases: [...f.aliases, ...(extra[f.name] ?? [])]}));
}

/** Data rows looked at to decide between two columns that name one coded field. */
const CONFLICT_SAMPLE = 50;

/**
 * Two or more columns name one field (案件类型 and 问题类型, both headers of 问题类型): for a coded field the column whose
 * first data rows the code list knows best wins; otherwise, and on a tie, the header that comes earlier in the
 * field's list of headers (then the leftmost column). Says which was taken, and why.
 */
function resolveConflicts(header: HeaderMatch, rows: Cell[][], schema: SourceSchema, book: CodeBook, warnings: string[], sheetName: string): void {
  for (const conflict of header.conflicts) {
    const field = schema.fields.find((f) => f.name === conflict.field)!;
    let chosen = conflict.candidates[0];
    let rule = "表头在该字段可用表头中的顺序靠前";
    if (field.type === "code" && field.codeList && field.codeList !== "category") {
      const sample = rows.slice(header.rowIndex + 1, header.rowIndex + 1 + CONFLICT_SAMPLE);
      const known = conflict.candidates.map(({col}) =>
        sample.reduce((n, r) => {
          const text = normalizeText(r[col] ?? null);
          return n + (text !== null && resolveCode(book, field.codeList!, text) !== undefined ? 1 : 0);
        }, 0)
      );
      const best = known.indexOf(Math.max(...known));
      if (known[best] > known[0]) {
        chosen = conflict.candidates[best];
        rule = `该列的取值在“${book.lists[field.codeList].label}”代码表中能识别的最多`;
      }
    }
    header.columns.set(conflict.field, chosen.col);
    header.unmapped = [...header.unmapped.filter((h) => !conflict.candidates.some((c) => c.header === h)), ...conflict.candidates.filter((c) => c !== chosen).map((c) => c.header)];
    const others = conflict.candidates.filter((c) => c !== chosen).map((c) => `“${c.header}”`).join("、");
    warnings.push(`${sheetName === "csv" ? "" : `工作表“${sheetName}”：`}“${chosen.header}”和${others}都对应字段“${field.label}”，采用“${chosen.header}”（规则：${rule}），其余列不导入`);
  }
}

/**
 * Reads one export and passes each data row on as accepted (normalized, validated, anonymized, with its notes) or
 * rejected (with reasons and its original values). Title rows above the header, blank rows, 合计 rows, repeated
 * headers and footer notes are not data rows. Throws FileError when the file cannot be read or lacks a column that
 * places its rows (the record id or date); rows are only passed on once every sheet's header is known.
 */
export function processFile(buf: Uint8Array, fileName: string, schema: SourceSchema, options: ProcessOptions): FileOutcome {
  let table: ReadResult;
  try {
    table = readTable(buf, fileName, {headRows: STREAM_AFTER_ROWS});
  } catch (error) {
    if (error instanceof ReadError) throw new FileError(error.message);
    throw new FileError(`无法读取: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields = headerFields(schema, options.book);
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
  const judge = compileRowJudge(schema, options.salt, options.book);
  const findings = new FindingsCollector();
  let seq = 0;
  let accepted = 0;
  let rejected = 0;
  let latestDate: string | null = null;
  const dateField = schema.dateField;
  const sheets: FileOutcome["sheets"] = [];
  const columnMaps: SheetColumns[] = [];
  const unmapped = new Set<string>();

  for (const {sheet, header} of matched) {
    resolveConflicts(header, sheet.rows, schema, options.book, warnings, sheet.name);
    header.unmapped.forEach((u) => unmapped.add(u));
    const judgeRow = judge.forColumns(header.columns, table.date1904);
    const headerRow = sheet.rows[header.rowIndex];
    options.onSheet?.({name: sheet.name, headers: new Map([...header.columns].map(([field, i]) => [field, String(headerRow[i] ?? "")]))});
    const original = originalCells(headerRow);
    const fieldOfColumn = new Map([...header.columns].map(([field, col]) => [col, field]));
    columnMaps.push({
      sheet: sheet.name,
      headerRow: sheet.firstRow + header.rowIndex,
      columns: headerRow.flatMap((c, col) => (c === null || String(c).trim() === "" ? [] : [{header: String(c).trim(), field: fieldOfColumn.get(col) ?? null}])),
      absent: schema.fields.filter((f) => !f.derived && !header.columns.has(f.name)).map((f) => f.name)
    });
    const undecodable = sheet.replacement ? replacementCheck(headerRow) : null;
    if (sheet.replacement) warnings.push(...undecodableHeaders(headerRow, fieldOfColumn, schema, sheet.firstRow + header.rowIndex));
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
        options.accept({seq, sheet: sheet.name, rowNumber, values: verdict.values, notes: verdict.notes});
        if (verdict.notes) findings.add(verdict.notes, sheet.name, rowNumber);
        accepted++;
        const date = verdict.values[dateField];
        if (typeof date === "string" && (latestDate === null || date > latestDate)) latestDate = date;
      } else {
        options.reject({sheet: sheet.name, rowNumber, recordId: verdict.recordId, issues: verdict.issues, notes: verdict.notes ?? null, original: original(cells)});
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
    columnMaps,
    findings: findings.result(),
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

/**
 * What became of each header cell holding bytes that could not be decoded: read as the field it still names once
 * they are left out (headers.ts withoutUndecodable), or not read. Says the row, as the encoding warning counts it
 * among the lines with such bytes.
 */
function undecodableHeaders(headerRow: Cell[], fieldOfColumn: ReadonlyMap<number, string>, schema: SourceSchema, rowNumber: number): string[] {
  return headerRow.flatMap((c, col) => {
    if (typeof c !== "string" || !c.includes("\ufffd")) return [];
    const field = fieldOfColumn.get(col);
    const label = field === undefined ? null : (schema.fields.find((f) => f.name === field)?.label ?? field);
    const what = label ? `去掉这些字节后按“${label}”列读取` : "去掉这些字节后仍无法识别，该列未导入";
    return [`表头（第 ${rowNumber} 行）“${c.trim()}”含无法解码的字节，${what}；请按正确编码重新导出`];
  });
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
  | {accepted: true; values: Record<string, unknown>; notes: Note[] | null}
  | {accepted: false; issues: Issue[]; recordId: string | null; /** What else the row holds that a kept row would have noted. */ notes?: Note[] | null};

export interface RowJudge {
  /** Judges the data rows of one sheet, in order: normalized, derived, validated and, when accepted, anonymized. */
  forColumns(columns: ReadonlyMap<string, number>, date1904: boolean): (cells: Cell[]) => RowVerdict;
  /** True once the zod cross-check of the first rows disagreed with the compiled validator (zod then judges). */
  usedZod(): boolean;
}

/** The verdict on each data row of a file; the first rows are also checked by zod, which decides on any disagreement. */
export function compileRowJudge(schema: SourceSchema, salt: string, book: CodeBook): RowJudge {
  const anonymize = compileAnonymizer(schema, salt);
  const fast = compileFastValidator(schema);
  const zod = compileValidator(schema);
  const warn = compileWarnings(schema);
  let usedZod = false;
  let sampled = 0;
  return {
    usedZod: () => usedZod,
    forColumns(columns, date1904) {
      const normalize = compileNormalizer(schema, columns, {date1904, book});
      const derive = compileDeriver(schema, book, new Set(columns.keys()));
      return (cells) => {
        const normalized = normalize(cells);
        let notes = derive(normalized.row, normalized.notes);
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
          notes = warn(normalized.row, notes);
          anonymize(normalized.row);
          return {accepted: true, values: normalized.row, notes};
        }
        const id = normalized.row[schema.idField];
        return {accepted: false, issues, recordId: typeof id === "string" && id ? id : null, notes};
      };
    }
  };
}
