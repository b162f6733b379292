import {labelKey} from "./parse/text.ts";
import type {Cell} from "./read.ts";

/** The part of a schema field that header mapping needs. */
export interface HeaderField {
  name: string;
  label: string;
  aliases?: readonly string[];
  required?: boolean;
}

export interface HeaderMatch {
  /** Index into the sheet's rows of the header row. */
  rowIndex: number;
  /** Field name -> column index. */
  columns: Map<string, number>;
  /** Header texts of columns no field claims (such as 序号), and of columns that lost a conflict. */
  unmapped: string[];
  /** Required fields with no column. */
  missing: HeaderField[];
  /**
   * Fields that two or more columns name: every candidate, best first by the header rule (the header that comes
   * earlier in the field's list of headers, then the leftmost column). `columns` holds the first; the caller may
   * decide otherwise from the data (process.ts) and must say which it took.
   */
  conflicts: HeaderConflict[];
}

export interface HeaderConflict {
  field: string;
  candidates: {col: number; header: string}[];
}

const SCAN_ROWS = 30;

/** Header text without a trailing unit or note in brackets: 罚款金额（元） -> 罚款金额. */
function stripNote(key: string): string {
  return key.replace(/[(（\[【][^)）\]】]*[)）\]】]$/, "");
}

interface AliasIndex {
  exact: Map<string, {field: string; priority: number}>;
}

const indexCache = new WeakMap<readonly HeaderField[], AliasIndex>();

function aliasIndex(fields: readonly HeaderField[]): AliasIndex {
  let index = indexCache.get(fields);
  if (index) return index;
  const exact = new Map<string, {field: string; priority: number}>();
  for (const f of fields) {
    const names = [f.label, ...(f.aliases ?? []), f.name];
    names.forEach((n, priority) => {
      const k = labelKey(n);
      if (k && !exact.has(k)) exact.set(k, {field: f.name, priority});
    });
  }
  index = {exact};
  indexCache.set(fields, index);
  return index;
}

function cellText(c: Cell): string {
  return c === null || c === undefined ? "" : String(c);
}

/**
 * A header text without the bytes that could not be decoded (U+FFFD) and the symbols decoded from the bytes beside
 * them: 地点€� (GBK 地点 followed by the bytes 80 FF) -> 地点. One bad byte must not cost a column.
 */
export function withoutUndecodable(text: string): string {
  return text.replace(/[^\p{L}\p{N}]*\ufffd[^\p{L}\p{N}]*/gu, "");
}

function matchCell(index: AliasIndex, c: Cell): {field: string; priority: number} | undefined {
  if (typeof c !== "string") return undefined;
  const k = labelKey(c.includes("\ufffd") ? withoutUndecodable(c) : c);
  if (!k) return undefined;
  return index.exact.get(k) ?? index.exact.get(stripNote(k));
}

/** Which field each column of a candidate header row maps to. */
export function mapHeader(row: Cell[], fields: readonly HeaderField[]): Omit<HeaderMatch, "rowIndex"> {
  const index = aliasIndex(fields);
  const found = new Map<string, {col: number; priority: number; header: string}[]>();
  const unmapped: string[] = [];
  row.forEach((c, col) => {
    const m = matchCell(index, c);
    if (!m) {
      const t = cellText(c).trim();
      if (t) unmapped.push(t);
      return;
    }
    const list = found.get(m.field) ?? [];
    list.push({col, priority: m.priority, header: cellText(c).trim()});
    found.set(m.field, list);
  });
  const columns = new Map<string, number>();
  const conflicts: HeaderConflict[] = [];
  for (const f of fields) {
    const list = found.get(f.name);
    if (!list) continue;
    list.sort((a, b) => a.priority - b.priority || a.col - b.col);
    columns.set(f.name, list[0].col);
    if (list.length > 1) {
      conflicts.push({field: f.name, candidates: list.map(({col, header}) => ({col, header}))});
      for (const other of list.slice(1)) unmapped.push(other.header);
    }
  }
  const missing = fields.filter((f) => f.required && !columns.has(f.name));
  return {columns, unmapped, missing, conflicts};
}

/**
 * Finds the header row below any title rows: among the first rows, the one whose cells name the most fields
 * (ties go to the upper row). Null when no row names at least two fields.
 */
export function findHeader(rows: Cell[][], fields: readonly HeaderField[]): HeaderMatch | null {
  const index = aliasIndex(fields);
  let bestRow = -1;
  let bestCount = 1;
  const n = Math.min(rows.length, SCAN_ROWS);
  for (let r = 0; r < n; r++) {
    const seen = new Set<string>();
    for (const c of rows[r]) {
      const m = matchCell(index, c);
      if (m) seen.add(m.field);
    }
    if (seen.size > bestCount) {
      bestCount = seen.size;
      bestRow = r;
    }
  }
  if (bestRow < 0) return null;
  return {rowIndex: bestRow, ...mapHeader(rows[bestRow], fields)};
}

/** One line naming the missing columns and the header texts that would have been accepted. */
export function describeMissing(missing: readonly HeaderField[]): string {
  const parts = missing.map((f) => {
    const accepted = [f.label, ...(f.aliases ?? [])].filter((a, i, all) => all.indexOf(a) === i);
    return accepted.length > 1 ? `${f.label}（可用表头: ${accepted.join("/")}）` : f.label;
  });
  return `缺少必需列: ${parts.join("; ")}`;
}

export function isBlankRow(row: Cell[]): boolean {
  for (const c of row) {
    if (c === null || c === undefined || c === "") continue;
    if (typeof c !== "string") return false;
    const first = c.charCodeAt(0);
    // printable ASCII or CJK first: not blank, without looking further
    if ((first > 0x20 && first < 0x7f) || (first >= 0x3400 && first < 0xfe00)) return false;
    if (c.trim() !== "" && c.replace(/[\s\u3000\u00a0]/g, "") !== "") return false;
  }
  return true;
}

const TOTAL_HINT = /[计累]/;
const TOTAL = /^(合计|总计|小计|共计|总合计|合计数|累计)[:：]?$/;

/** A 合计/总计/小计 line: some cell says so on its own. */
export function isTotalRow(row: Cell[]): boolean {
  for (const c of row) {
    if (typeof c !== "string" || c.length > 12 || !TOTAL_HINT.test(c)) continue;
    if (TOTAL.test(c.replace(/[\s\u3000\u00a0]/g, ""))) return true;
  }
  return false;
}

interface HeaderKey {
  key: string;
  /** The key's first character when it is a Chinese one, which any cell with this key must contain as it is. */
  probe: string | null;
}

const headerKeys = new WeakMap<Cell[], (HeaderKey | null)[]>();

/** A header line repeated inside the data (page breaks in some exports). */
export function isRepeatedHeader(row: Cell[], header: Cell[]): boolean {
  let keys = headerKeys.get(header);
  if (!keys) {
    keys = header.map((h) => {
      if (typeof h !== "string" || !h.trim()) return null;
      const key = labelKey(h);
      return {key, probe: /^[\u3400-\u9fff]/.test(key) ? key[0] : null};
    });
    headerKeys.set(header, keys);
  }
  let same = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    const c = row[i];
    if (typeof c !== "string") return false;
    if (c !== header[i] && ((k.probe !== null && !c.includes(k.probe)) || labelKey(c) !== k.key)) return false;
    same++;
  }
  return same > 1;
}
