import Papa from "papaparse";
import {decodeText} from "./encoding.ts";
import {ReadError, type Cell, type ReadResult, type Sheet} from "./table.ts";
import {readWorkbook} from "./workbook.ts";
import {checkZipSizes, zipEntries} from "./zip.ts";

export {decodeText} from "./encoding.ts";
export {ReadError, type Cell, type ReadResult, type Sheet} from "./table.ts";

export interface ReadOptions {
  /** Delimited text is streamed (see Sheet.rest) past this many rows. */
  headRows?: number;
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

/**
 * The line break of delimited text ("\n", "\r\n" or "\r"), by Papa Parse's own rule (its `guessLineEndings`: quoted
 * text set aside, the break that comes first, CRLF when most CRs are followed by LF) applied to the first 64 KB rather
 * than the first 1 MB that Papa looks at on every parse without a `newline`: over a 10^6-case month set that look took
 * about 0.3 s of each reading thread (CPU profile, 2026-12-02), and the first lines decide it.
 */
export function lineBreak(text: string): "\n" | "\r\n" | "\r" {
  const sample = text.slice(0, 65536).replace(/"[^]*?"/g, "");
  const r = sample.split("\r");
  const n = sample.split("\n");
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return "\n";
  let withN = 0;
  for (const part of r) if (part[0] === "\n") withN++;
  return withN >= r.length / 2 ? "\r\n" : "\r";
}

function isTrailingEmpty(rows: string[][]): boolean {
  return rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "";
}

/** Parses delimited text into string rows (every cell stays text: no lost leading zeros or long digit strings). */
export function parseDelimited(text: string): string[][] {
  const result = Papa.parse<string[]>(text, {header: false, skipEmptyLines: false, delimiter: guessDelimiter(text), newline: lineBreak(text)});
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
  const newline = lineBreak(text);
  // one row more than the head tells whether the head's last row is the text's last (then a final empty row goes)
  const first = Papa.parse<string[]>(text, {header: false, skipEmptyLines: false, delimiter, newline, preview: head + 1});
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
        newline,
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

function readText(buf: Uint8Array, ext: string, options: ReadOptions): ReadResult {
  const decoded = decodeText(buf);
  const {text} = decoded;
  const encoding = {
    encoding: decoded.encoding,
    encodingConfidence: decoded.confidence,
    encodingEvidence: decoded.evidence,
    warnings: decoded.warnings
  };
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith("<")) {
    if (/<table[\s>]/i.test(text.slice(0, 1 << 20)) || /<\?xml[^>]*>\s*(<\?mso[^>]*>\s*)?<(ss:)?workbook/i.test(head)) {
      const book = readWorkbook(text, "html");
      if (decoded.replacement) for (const sheet of book.sheets) sheet.replacement = true;
      return {...book, ...encoding, warnings: [...decoded.warnings, ...book.warnings]};
    }
    const title = /<title>([^<]*)<\/title>/i.exec(text.slice(0, 65536))?.[1]?.trim();
    throw new ReadError(`不是电子表格：内容是网页${title ? `“${title}”` : ""}而不是表格（导出时可能已登录超时）`);
  }
  const sheet: Sheet =
    options.headRows !== undefined
      ? {name: "csv", firstRow: 1, replacement: decoded.replacement, ...streamDelimited(text, options.headRows)}
      : {name: "csv", firstRow: 1, replacement: decoded.replacement, rows: parseDelimited(text)};
  const wide = sheet.rows.slice(0, 50).some((r) => r.length > 1);
  if (!wide && ext !== ".csv" && ext !== ".tsv" && ext !== ".txt") throw new ReadError("不是电子表格：文本内容没有分隔的列");
  if (!sheet.rows.length) throw new ReadError("文件中没有任何行");
  return {format: "csv", ...encoding, date1904: false, sheets: [sheet]};
}

/** A ZIP must hold a workbook, and inflate to what it says and in proportion to its size, before SheetJS reads it. */
function checkZip(buf: Uint8Array): void {
  const entries = zipEntries(buf);
  if (!entries.some((e) => /^xl\/workbook\.(xml|bin)$|^content\.xml$/.test(e.name))) {
    throw new ReadError("不是电子表格：ZIP 文件中没有工作簿（可能是 Word 文档或压缩包）");
  }
  checkZipSizes(buf, entries);
}

const NO_ENCODING = {encoding: null, encodingConfidence: null, encodingEvidence: null} as const;

/**
 * Reads an export (.xlsx, .xls, .csv and their common disguises: CSV or HTML saved as .xls) by its content, not its
 * name. Throws ReadError for anything that is not a readable spreadsheet.
 */
export function readTable(buf: Uint8Array, fileName: string, options: ReadOptions = {}): ReadResult {
  const ext = (/\.[^./\\]+$/.exec(fileName)?.[0] ?? "").toLowerCase();
  if (buf.length === 0) throw new ReadError("空文件（0 字节）");
  if (startsWith(buf, ZIP)) {
    checkZip(buf);
    const result = readWorkbook(buf, "xlsx");
    if (result.sheets.every((s) => s.rows.length === 0) && !result.warnings.length) throw new ReadError("不是电子表格：ZIP 文件中没有可读的工作表");
    return {...result, ...NO_ENCODING};
  }
  if (startsWith(buf, CFB)) return {...readWorkbook(buf, "xls"), ...NO_ENCODING};
  for (const [magic, kind] of NOT_SPREADSHEET) {
    if (startsWith(buf, magic)) throw new ReadError(`不是电子表格：文件内容是 ${kind}`);
  }
  const utf16 = startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
  if (!utf16 && looksBinary(buf)) throw new ReadError("不是电子表格：无法识别的二进制内容");
  return readText(buf, ext, options);
}
