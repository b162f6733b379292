/** What the readers give: sheets of raw cells, whatever the file's format. */

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
  /** Some cell may hold U+FFFD, the mark of bytes that could not be decoded: rows are then checked for it. */
  replacement?: boolean;
}

export type Confidence = "certain" | "likely" | "doubtful";

export interface ReadResult {
  format: "xlsx" | "xls" | "csv" | "html";
  /** Text encoding for text formats: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, or two joined by "+" when lines differ. */
  encoding: string | null;
  /** How sure the encoding is, and why, for text formats. */
  encodingConfidence: Confidence | null;
  encodingEvidence: string | null;
  /** Excel workbooks using the 1904 date system store serials 1462 days smaller. */
  date1904: boolean;
  sheets: Sheet[];
  /** Remarks for the maintainer that did not stop the file: hidden sheets left out, lines in another encoding. */
  warnings: string[];
}

/** A file that cannot be read as a spreadsheet; the message is for the data maintainer. */
export class ReadError extends Error {
  override name = "ReadError";
}

/** 1,234,567 → "1,234,567"; sizes in bytes → "4.0 GB", for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Line or row numbers as short ranges for a message: 第 2–3、7 行（共 3 行）, at most `max` ranges shown. */
export function formatLines(lines: readonly number[], max = 12): string {
  const ranges: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    ranges.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  if (lines.length === 1) return `第 ${lines[0]} 行`;
  const shown = ranges.slice(0, max).join("、");
  return `第 ${shown}${ranges.length > max ? " 等" : ""} 行（共 ${lines.length} 行）`;
}
