import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import iconv from "iconv-lite";
import XLSX from "../../loaders/xlsx.ts";

export type Format = "xlsx" | "xls" | "csv-utf8-bom" | "csv-gb18030" | "csv-utf8";

/** An Excel date cell: serial number plus display format. */
export interface SerialCell {
  serial: number;
  fmt: string;
}

export type Cell = string | number | null | SerialCell;

export interface Table {
  /** Title row above the header, merged across all columns in spreadsheets. */
  title?: string;
  /** Second pre-header line, e.g. 填报单位 and 填报日期. */
  subtitle?: string;
  headers: string[];
  rows: Cell[][];
  /** 合计 row below the data. */
  total?: Cell[];
}

export function extensionOf(format: Format): string {
  return format === "xlsx" ? "xlsx" : format === "xls" ? "xls" : "csv";
}

/** 1-based sheet row number of data row i (0-based) as it will appear in the written file. */
export function dataRowNumber(table: Pick<Table, "title" | "subtitle">, i: number): number {
  return (table.title ? 1 : 0) + (table.subtitle ? 1 : 0) + 1 + i + 1;
}

function isSerial(c: Cell): c is SerialCell {
  return c !== null && typeof c === "object";
}

function sheetCell(c: Cell): XLSX.CellObject | undefined {
  if (c === null || c === "") return undefined;
  if (typeof c === "number") return { t: "n", v: c };
  if (isSerial(c)) return { t: "n", v: c.serial, z: c.fmt };
  return { t: "s", v: c };
}

// SheetJS keeps number formats in a process-wide table and copies it into every workbook it writes, so a
// format used by one file would leak into the next. Each workbook starts from the table as loaded.
const BASE_NUMBER_FORMATS: Record<number, string> = { ...(XLSX.SSF.get_table() as Record<number, string>) };

export function tableToWorkbookBuffer(table: Table, format: "xlsx" | "xls", sheetName = "Sheet1"): Buffer {
  const aoa: Array<Array<XLSX.CellObject | undefined>> = [];
  const merges: XLSX.Range[] = [];
  const width = table.headers.length;
  if (table.title) {
    merges.push({ s: { r: aoa.length, c: 0 }, e: { r: aoa.length, c: width - 1 } });
    aoa.push([{ t: "s", v: table.title }]);
  }
  if (table.subtitle) {
    merges.push({ s: { r: aoa.length, c: 0 }, e: { r: aoa.length, c: width - 1 } });
    aoa.push([{ t: "s", v: table.subtitle }]);
  }
  aoa.push(table.headers.map((h) => ({ t: "s", v: h })));
  for (const row of table.rows) aoa.push(row.map(sheetCell));
  if (table.total) aoa.push(table.total.map(sheetCell));
  const ws = XLSX.utils.aoa_to_sheet(aoa as unknown as unknown[][]);
  if (merges.length) ws["!merges"] = merges;
  ws["!cols"] = table.headers.map((h) => ({ wch: Math.max(8, Math.min(40, h.length * 2 + 4)) }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  // Fixed properties and no dates: the written bytes depend only on the table.
  wb.Props = { Title: table.title ?? sheetName, Author: "魏都区城市管理局", Company: "魏都区城市管理局" };
  (wb as XLSX.WorkBook & { SSF: Record<number, string> }).SSF = { ...BASE_NUMBER_FORMATS };
  return XLSX.write(wb, { type: "buffer", bookType: format === "xls" ? "biff8" : "xlsx", compression: true }) as Buffer;
}

/** A field that holds a quote, comma or line break, or begins or ends with white space, is quoted. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(c: Cell): string {
  if (c === null) return "";
  const s = typeof c === "number" ? String(c) : isSerial(c) ? String(c.serial) : c;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(",") + "\r\n";
}

function encode(text: string, format: Format): Buffer {
  if (format === "csv-gb18030") return iconv.encode(text, "gb18030");
  return Buffer.from(text, "utf8");
}

function tableToCsvText(table: Table): string {
  const width = table.headers.length;
  const pad = (s: string) => [s, ...Array<Cell>(width - 1).fill(null)];
  let out = "";
  if (table.title) out += csvLine(pad(table.title));
  if (table.subtitle) out += csvLine(pad(table.subtitle));
  out += csvLine(table.headers);
  for (const r of table.rows) out += csvLine(r);
  if (table.total) out += csvLine(table.total);
  return out;
}

export function writeTable(path: string, table: Table, format: Format): void {
  mkdirSync(dirname(path), { recursive: true });
  if (format === "xlsx" || format === "xls") {
    writeFileSync(path, tableToWorkbookBuffer(table, format));
    return;
  }
  const body = encode(tableToCsvText(table), format);
  writeFileSync(path, format === "csv-utf8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
}

/** Chunked CSV writer for very large months; memory stays bounded by the chunk size. */
export class CsvStream {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  rows = 0;

  constructor(readonly path: string, readonly format: Exclude<Format, "xlsx" | "xls">) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "w");
    if (format === "csv-utf8-bom") writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
  }

  line(cells: readonly Cell[]): void {
    const l = csvLine(cells);
    this.buf.push(l);
    this.size += l.length;
    if (this.size > 1 << 20) this.flush();
  }

  row(cells: readonly Cell[]): void {
    this.line(cells);
    this.rows++;
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, encode(this.buf.join(""), this.format));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** What a browser saves when an export link lands on the login page instead of the file. */
export function errorPageHtml(): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head><meta charset="utf-8"><title>系统提示</title></head>',
    "<body><div class=\"msg\"><h2>会话已超时</h2><p>您的登录状态已失效，请重新登录数字化城市管理平台后再执行导出。</p>",
    '<p><a href="/login">返回登录页</a></p></div></body></html>',
    ""
  ].join("\r\n");
}
