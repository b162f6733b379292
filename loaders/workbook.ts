import XLSX, {type CellObject, type Range, type WorkBook, type WorkSheet} from "./xlsx.ts";
import {ReadError, type Cell, type ReadResult, type Sheet} from "./table.ts";

/**
 * Cells a sheet may be spread out to (row arrays padded to their last value, merged ranges filled) for each cell it
 * holds, beyond a fixed allowance: a sheet of a few real cells placed at XFD1048576 or merged over the whole grid
 * is rejected instead of being laid out cell by cell.
 */
const SPREAD_PER_CELL = 64;
const SPREAD_ALLOWANCE = 1 << 20;

const EMPTY: Cell[] = Object.freeze([]) as unknown as Cell[];

/**
 * Calls `visit` for each cell an array holds. A row with a cell far to the right (XFD) is a sparse array whose
 * length is that column: walking it index by index would cost its length, so the indices it holds are listed instead.
 */
function eachCell<T>(row: T[], visit: (cell: T, index: number) => void): void {
  if (row.length <= 1024) {
    row.forEach(visit);
    return;
  }
  for (const key of Object.keys(row)) {
    const index = Number(key);
    if (Number.isInteger(index)) visit(row[index], index);
  }
}

function cellValue(cell: CellObject | undefined): Cell {
  if (!cell || cell.t === "e" || cell.t === "z" || cell.v === undefined || cell.v === null) return null;
  return cell.v instanceof Date ? cell.v.toISOString() : (cell.v as Cell);
}

/**
 * A sheet's rows from the cells it holds, never from its declared range (`<dimension>`, which may be smaller than the
 * cells and lose rows, or the whole grid and exhaust memory): rows run from the first row holding a value to the
 * last, each as long as its last value, and merged ranges copy their top-left value into their empty cells in the
 * rows that hold values.
 * Throws ReadError for a sheet whose few cells would spread over far more.
 */
export function sheetRows(ws: WorkSheet, name: string): Pick<Sheet, "rows" | "firstRow" | "replacement"> {
  const data = (ws["!data"] ?? []) as (CellObject | undefined)[][];
  const ends = new Map<number, number>();
  let cells = 0;
  let spread = 0;
  let replacement = false;
  // forEach skips the holes of a sparse array: a cell at row 1048576 costs one visit, not a million
  eachCell(data, (src, r) => {
    let end = 0;
    if (src) eachCell(src, (cell, c) => {
      const v = cellValue(cell);
      if (v === null) return;
      cells++;
      if (c >= end) end = c + 1;
      if (typeof v === "string" && v.includes("\ufffd")) replacement = true;
    });
    if (end) {
      ends.set(r, end);
      spread += end;
    }
  });
  const limit = SPREAD_ALLOWANCE + SPREAD_PER_CELL * cells;
  const tooSpread = (what: string) =>
    new ReadError(`工作表“${name}”只有 ${cells} 个有值的单元格，${what}，超出正常表格的范围；文件可能已损坏或是恶意构造的，未读取`);
  if (spread > limit) throw tooSpread(`却分布在 ${spread.toLocaleString("zh-CN")} 个单元格的宽度上`);
  if (!ends.size) return {rows: [], firstRow: 1, replacement};
  let first = Infinity;
  let last = -1;
  for (const r of ends.keys()) (first = Math.min(first, r)), (last = Math.max(last, r));
  const rows: Cell[][] = new Array(last - first + 1).fill(EMPTY);
  let width = 0;
  for (const [r, end] of ends) {
    const row = new Array<Cell>(end).fill(null);
    eachCell(data[r], (cell, c) => {
      if (c < end) row[c] = cellValue(cell);
    });
    rows[r - first] = row;
    width = Math.max(width, end);
  }
  for (const m of (ws["!merges"] ?? []) as Range[]) {
    const value = rows[m.s.r - first]?.[m.s.c] ?? null;
    if (value === null) continue;
    const right = Math.min(m.e.c, width - 1);
    for (let r = Math.max(m.s.r, first); r <= Math.min(m.e.r, last); r++) {
      const row = rows[r - first];
      if (row === EMPTY) continue;
      spread += right - m.s.c + 1;
      if (spread > limit) throw tooSpread(`合并单元格 ${XLSX.utils.encode_range(m)} 却要铺开到更多单元格`);
      while (row.length <= right) row.push(null);
      // the range's other cells are empty in what Excel writes; a value found there is kept, not overwritten
      for (let c = m.s.c; c <= right; c++) if (row[c] === null) row[c] = value;
    }
  }
  return {rows, firstRow: first + 1, replacement};
}

const PARSING: XLSX.ParsingOptions = {
  dense: true,
  nodim: true,
  cellDates: false,
  cellText: false,
  cellNF: false,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  bookVBA: false,
  WTF: false
};

const HIDDEN = ["", "隐藏", "深度隐藏（very hidden）"];

/** The name of the stream an encrypted Office file keeps its encryption in, as a compound file's directory writes it. */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

/**
 * A compound file (OLE) whose header sector is nothing but zeros after its signature, naming no EncryptionInfo
 * stream: what a copy that failed leaves. SheetJS reports it as an encrypted workbook; a real header never is zeros.
 */
function zeroFilledCompoundFile(data: Uint8Array): boolean {
  if (Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(ENCRYPTION_INFO) >= 0) return false;
  for (let i = 8; i < Math.min(data.length, 512); i++) if (data[i] !== 0) return false;
  return true;
}

/**
 * Reads a workbook (xlsx, xls, or an HTML/XML table as text) with SheetJS. Hidden and very hidden sheets are left out
 * and named in the warnings: they hold backups and lookup lists whose stale rows would otherwise win the merge.
 * Throws ReadError for what SheetJS cannot read.
 */
export function readWorkbook(data: Uint8Array | string, format: ReadResult["format"]): Pick<ReadResult, "format" | "date1904" | "sheets" | "warnings"> {
  let wb: WorkBook;
  try {
    wb = XLSX.read(data, {...PARSING, type: typeof data === "string" ? "string" : "buffer"});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      if (typeof data !== "string" && zeroFilledCompoundFile(data)) {
        throw new ReadError("文件已损坏（内容全为空白），不是加密文件，无法作为电子表格读取；请重新导出或从原处重新复制");
      }
      throw new ReadError("文件已加密（有密码），无法读取");
    }
    if (error instanceof RangeError) throw new ReadError(`无法解析为电子表格：内容超出可读的大小（${message}）`);
    // SheetJS says what it tripped on in English; the maintainer needs what to do first
    throw new ReadError(`文件已损坏或不完整，无法作为电子表格读取；请在 Excel 或 WPS 中打开检查，另存后重新导出（读取程序的说明：${message}）`);
  }
  if (!wb.SheetNames?.length) throw new ReadError("工作簿中没有工作表");
  const warnings: string[] = [];
  const sheets: Sheet[] = [];
  wb.SheetNames.forEach((name, i) => {
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    if (hidden) {
      warnings.push(`工作表“${name}”是${HIDDEN[hidden] ?? "隐藏"}的工作表，未导入（隐藏表常是备份或旧数据；如确需导入，请在 Excel 中取消隐藏）`);
      return;
    }
    const ws = wb.Sheets[name];
    if (!ws) {
      warnings.push(`工作表“${name}”的内容找不到（工作簿结构不完整或已损坏），未导入`);
      return;
    }
    sheets.push({name, ...sheetRows(ws, name)});
  });
  if (!sheets.length) throw new ReadError(`工作簿中没有可导入的工作表（${warnings.map((w) => w.replace(/，.*$/, "")).join("；")}）`);
  return {format, date1904: Boolean(wb.Workbook?.WBProps?.date1904), sheets, warnings};
}
