import iconv from "iconv-lite";
import Papa from "papaparse";
import XLSX from "xlsx";

/** A raw cell as read from a file: CSV cells are strings, spreadsheet cells keep their type. */
export type Cell = string | number | boolean | null;

export interface Sheet {
  name: string;
  /** rows[i] is spreadsheet row `firstRow + i` (1-based, as a person sees it); cells indexed from column A. */
  rows: Cell[][];
  firstRow: number;
  /**
   * Only for delimited text read with `headRows`: `rows` then holds just the first rows, and this passes every
   * later row to `visit` as it is parsed, so that a large export is never held as rows all at once.
   */
  rest?: (visit: (row: Cell[]) => void) => void;
  /** With `rest`: the number of rows the sheet probably has, for progress. */
  estimatedRows?: number;
}

export interface ReadOptions {
  /** Delimited text is streamed (see Sheet.rest) past this many rows. */
  headRows?: number;
}

export interface ReadResult {
  format: "xlsx" | "xls" | "csv" | "html";
  /** Detected text encoding for text formats. */
  encoding: string | null;
  /** Excel workbooks using the 1904 date system store serials 1462 days smaller. */
  date1904: boolean;
  sheets: Sheet[];
}

/** A file that cannot be read as a spreadsheet; the message is for the data maintainer. */
export class ReadError extends Error {
  override name = "ReadError";
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOT_SPREADSHEET: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], "PDF"],
  [[0x89, 0x50, 0x4e, 0x47], "PNG"],
  [[0xff, 0xd8, 0xff], "JPEG"],
  [[0x47, 0x49, 0x46, 0x38], "GIF"],
  [[0x52, 0x61, 0x72, 0x21], "RAR"],
  [[0x37, 0x7a, 0xbc, 0xaf], "7z"],
  [[0x1f, 0x8b], "gzip"]
];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/**
 * Decodes exported text. Hand-written because the rule is short and exact: a BOM decides; otherwise text that is
 * valid UTF-8 is UTF-8 (GB18030 text of any length is almost never valid UTF-8); everything else is GB18030, the
 * superset of GBK/GB2312 that Chinese Excel writes as "ANSI".
 */
export function decodeText(buf: Uint8Array): {text: string; encoding: string} {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) {
    return {text: new TextDecoder("utf-8").decode(buf.subarray(3)), encoding: "utf-8-bom"};
  }
  if (startsWith(buf, [0xff, 0xfe])) return {text: new TextDecoder("utf-16le").decode(buf.subarray(2)), encoding: "utf-16le"};
  if (startsWith(buf, [0xfe, 0xff])) return {text: new TextDecoder("utf-16be").decode(buf.subarray(2)), encoding: "utf-16be"};
  try {
    return {text: new TextDecoder("utf-8", {fatal: true}).decode(buf), encoding: "utf-8"};
  } catch {
    return {text: iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030"), encoding: "gb18030"};
  }
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > n / 100;
}

/** The delimiter among comma, tab, semicolon and bar that appears most, consistently, in the first lines. */
export function guessDelimiter(text: string): string {
  const lines = text.slice(0, 65536).split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  let best = ",";
  let bestScore = 0;
  for (const d of [",", "\t", ";", "|"]) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const score = counts.reduce((a, b) => a + b, 0) * (counts.filter((c) => c > 0).length / Math.max(1, counts.length));
    if (score > bestScore) (best = d), (bestScore = score);
  }
  return best;
}

function isTrailingEmpty(rows: string[][]): boolean {
  return rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "";
}

/** Parses delimited text into string rows (every cell stays text: no lost leading zeros or long digit strings). */
export function parseDelimited(text: string): string[][] {
  const result = Papa.parse<string[]>(text, {header: false, skipEmptyLines: false, delimiter: guessDelimiter(text)});
  const rows = result.data;
  if (isTrailingEmpty(rows)) rows.pop();
  return rows;
}

/**
 * The first `head` rows of delimited text, and a way to visit the rows after them: the text is parsed again from
 * the start with the same settings, skipping the head (a parser's resume position is not reliable enough to
 * start from), which costs little next to not holding every row.
 */
export function streamDelimited(text: string, head: number): Pick<Sheet, "rows" | "rest" | "estimatedRows"> {
  const delimiter = guessDelimiter(text);
  // one row more than the head tells whether the head's last row is the text's last (then a final empty row goes)
  const first = Papa.parse<string[]>(text, {header: false, skipEmptyLines: false, delimiter, preview: head + 1});
  if (first.data.length <= head) {
    if (isTrailingEmpty(first.data)) first.data.pop();
    return {rows: first.data};
  }
  const rows = first.data.slice(0, head);
  const headChars = rows.reduce((a, r) => a + r.reduce((b, c) => b + c.length + 1, 0), 0);
  return {
    rows,
    estimatedRows: Math.round((text.length / Math.max(1, headChars)) * rows.length),
    rest(visit) {
      let index = 0;
      let pending: string[] | null = null;
      Papa.parse<string[]>(text, {
        header: false,
        skipEmptyLines: false,
        delimiter,
        newline: first.meta.linebreak as Papa.ParseConfig["newline"],
        step: (result) => {
          if (index++ < head) return;
          // a row is passed on once the next one exists: the empty row after a final line break is not a row
          if (pending) visit(pending);
          pending = result.data;
        }
      });
      if (pending && !isTrailingEmpty([pending])) visit(pending);
    }
  };
}

/** SheetJS 0.18 dense mode: the sheet is an array of rows of cells (much faster to build and to walk). */
type DenseSheet = XLSX.WorkSheet & (XLSX.CellObject | undefined)[][];

function cellValue(cell: XLSX.CellObject | undefined): Cell {
  if (!cell || cell.t === "e" || cell.t === "z" || cell.v === undefined) return null;
  return cell.v instanceof Date ? cell.v.toISOString() : (cell.v as Cell);
}

/** Rows of cell values, with the top-left value of every merged range copied into all of its cells. */
function sheetRows(ws: DenseSheet): {rows: Cell[][]; firstRow: number} {
  const ref = ws["!ref"];
  if (!ref) return {rows: [], firstRow: 1};
  const range = XLSX.utils.decode_range(ref);
  const width = range.e.c + 1;
  const rows: Cell[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const src = ws[r];
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = src ? cellValue(src[c]) : null;
    rows.push(row);
  }
  for (const m of ws["!merges"] ?? []) {
    const value = ws[m.s.r]?.[m.s.c] ? cellValue(ws[m.s.r][m.s.c]) : null;
    if (value === null) continue;
    for (let r = Math.max(m.s.r, range.s.r); r <= Math.min(m.e.r, range.e.r); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) rows[r - range.s.r][c] = value;
    }
  }
  return {rows, firstRow: range.s.r + 1};
}

function readWorkbook(data: Uint8Array | string, format: ReadResult["format"], encoding: string | null): ReadResult {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, {
      type: typeof data === "string" ? "string" : "buffer",
      dense: true,
      cellDates: false,
      cellText: false,
      cellNF: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      WTF: false
    } as XLSX.ParsingOptions);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) throw new ReadError("文件已加密（有密码），无法读取");
    throw new ReadError(`无法解析为电子表格: ${message}`);
  }
  if (!wb.SheetNames?.length) throw new ReadError("工作簿中没有工作表");
  const sheets = wb.SheetNames.map((name) => ({name, ...sheetRows(wb.Sheets[name] as DenseSheet)}));
  return {format, encoding, date1904: Boolean(wb.Workbook?.WBProps?.date1904), sheets};
}

function readText(buf: Uint8Array, ext: string, options: ReadOptions): ReadResult {
  const {text, encoding} = decodeText(buf);
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith("<")) {
    if (/<table[\s>]/i.test(text.slice(0, 1 << 20)) || /<\?xml[^>]*>\s*(<\?mso[^>]*>\s*)?<(ss:)?workbook/i.test(head)) {
      return readWorkbook(text, "html", encoding);
    }
    const title = /<title>([^<]*)<\/title>/i.exec(text.slice(0, 65536))?.[1]?.trim();
    throw new ReadError(`不是电子表格：内容是网页${title ? `“${title}”` : ""}而不是表格（导出时可能已登录超时）`);
  }
  const sheet: Sheet =
    options.headRows !== undefined
      ? {name: "csv", firstRow: 1, ...streamDelimited(text, options.headRows)}
      : {name: "csv", firstRow: 1, rows: parseDelimited(text)};
  const wide = sheet.rows.slice(0, 50).some((r) => r.length > 1);
  if (!wide && ext !== ".csv" && ext !== ".tsv" && ext !== ".txt") throw new ReadError("不是电子表格：文本内容没有分隔的列");
  if (!sheet.rows.length) throw new ReadError("文件中没有任何行");
  return {format: "csv", encoding, date1904: false, sheets: [sheet]};
}

function lastIndexOfBytes(buf: Uint8Array, needle: number[], from: number): number {
  outer: for (let i = buf.length - needle.length; i >= from; i--) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** SheetJS can loop forever on a truncated ZIP, so an archive must be complete and hold a workbook first. */
function checkZip(buf: Uint8Array): void {
  const eocd = lastIndexOfBytes(buf, [0x50, 0x4b, 0x05, 0x06], Math.max(0, buf.length - 65_557));
  if (eocd < 0) throw new ReadError("不是电子表格：ZIP 文件不完整或已损坏");
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const cdSize = view.readUInt32LE(eocd + 12);
  const cdOffset = view.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) throw new ReadError("不是电子表格：ZIP 文件不完整或已损坏");
  const names = view.subarray(cdOffset, cdOffset + cdSize).toString("latin1");
  if (!/xl\/workbook\.(xml|bin)|content\.xml/.test(names)) throw new ReadError("不是电子表格：ZIP 文件中没有工作簿（可能是 Word 文档或压缩包）");
}

/**
 * Reads an export (.xlsx, .xls, .csv and their common disguises: CSV or HTML saved as .xls) by its content, not its
 * name. Throws ReadError for anything that is not a readable spreadsheet.
 */
export function readTable(buf: Uint8Array, fileName: string, options: ReadOptions = {}): ReadResult {
  const ext = (/\.[^./\\]+$/.exec(fileName)?.[0] ?? "").toLowerCase();
  if (buf.length === 0) throw new ReadError("空文件（0 字节）");
  if (startsWith(buf, ZIP)) {
    checkZip(buf);
    const result = readWorkbook(buf, "xlsx", null);
    if (result.sheets.every((s) => s.rows.length === 0)) throw new ReadError("不是电子表格：ZIP 文件中没有可读的工作表");
    return result;
  }
  if (startsWith(buf, CFB)) return readWorkbook(buf, "xls", null);
  for (const [magic, kind] of NOT_SPREADSHEET) {
    if (startsWith(buf, magic)) throw new ReadError(`不是电子表格：文件内容是 ${kind}`);
  }
  const utf16 = startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
  if (!utf16 && looksBinary(buf)) throw new ReadError("不是电子表格：无法识别的二进制内容");
  return readText(buf, ext, options);
}
