/**
 * A deliberately small reader for the generated exports, used by the sample tests only (the real
 * ingest lives in loaders/). It maps headers through the schema aliases, normalizes values the way the
 * schema expects and validates each row with the schema's zod `row`.
 */
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import XLSX from "../../loaders/xlsx.ts";
import { defaultCodeBook, findCategory, resolveCode } from "../../loaders/codes/index.ts";
import type { ProblemType } from "../../loaders/codes/index.ts";
import { damagedIdentifier } from "../../loaders/parse/identifiers.ts";
import { fieldForHeader, recordId, type FieldSpec, type SourceSchema } from "../../loaders/schema/index.ts";

type Raw = string | number | boolean | null;

export interface ReadRow {
  /** 1-based row (sheet) or line (CSV) number. */
  rowNumber: number;
  values: Record<string, unknown>;
  ok: boolean;
  issues: string[];
}

export type ReadResult =
  | { kind: "table"; container: "xlsx" | "xls" | "csv"; encoding?: string; headers: string[]; unmapped: string[]; rows: ReadRow[] }
  | { kind: "not_spreadsheet"; reason: string };

function decodeCsv(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(buf, "gb18030"), encoding: "gb18030" };
  }
}

export function readMatrix(path: string): { container: "xlsx" | "xls" | "csv"; encoding?: string; cells: Raw[][] } | { error: string } {
  const buf = readFileSync(path);
  const head = buf.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b) return sheetMatrix(buf, "xlsx");
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return sheetMatrix(buf, "xls");
  const { text, encoding } = decodeCsv(buf);
  if (/^\s*<(!doctype|html|\?xml)/i.test(text)) return { error: "HTML or XML document, not a spreadsheet" };
  if (/\.xlsx?$/i.test(path)) return { error: "spreadsheet extension but not a workbook" };
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return { container: "csv", encoding, cells: parsed.data.map((r) => r.map((c) => (c === "" ? null : c))) };
}

function sheetMatrix(buf: Buffer, container: "xlsx" | "xls") {
  const wb = XLSX.read(buf, { type: "buffer" });
  const ws = wb.Sheets[wb.SheetNames[0]];
  const cells = XLSX.utils.sheet_to_json<Raw[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const start = ws["!ref"] ? XLSX.utils.decode_range(ws["!ref"]).s.r : 0;
  return { container, cells: [...Array<Raw[]>(start).fill([]), ...cells] };
}

const DATE_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T\s]\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?$/;

const p2 = (n: number) => String(n).padStart(2, "0");

/** Normalize a date cell to 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm:ss'; undefined when it is not a valid date. */
export function normalizeDate(v: Raw, withTime: boolean): string | undefined {
  let y: number, m: number, d: number, hh = 0, mi = 0, ss = 0;
  if (typeof v === "number") {
    const t = new Date(Math.round((v - 25569) * 86400) * 1000);
    [y, m, d, hh, mi, ss] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  } else if (typeof v === "string") {
    const match = DATE_RE.exec(v.normalize("NFKC").trim());
    if (!match) return undefined;
    [y, m, d] = [+match[1], +match[2], +match[3]];
    [hh, mi, ss] = [+(match[4] ?? 0), +(match[5] ?? 0), +(match[6] ?? 0)];
    const check = new Date(Date.UTC(y, m - 1, d, hh, mi, ss));
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || hh > 23 || mi > 59 || ss > 59) return undefined;
  } else return undefined;
  const date = `${y}-${p2(m)}-${p2(d)}`;
  return withTime ? `${date}T${p2(hh)}:${p2(mi)}:${p2(ss)}` : date;
}

function normalizeValue(f: FieldSpec, v: Raw): unknown {
  if (v === null) return null;
  if (typeof v === "string" && v.replace(/[\s\u3000]/g, "") === "") return null;
  switch (f.type) {
    case "date":
    case "datetime":
      return normalizeDate(v, f.type === "datetime") ?? v;
    case "integer":
    case "number": {
      if (typeof v === "number") return v;
      const s = String(v).normalize("NFKC").replace(/[,\s]/g, "");
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
    }
    case "boolean": {
      const s = String(v).normalize("NFKC").trim();
      if (["是", "Y", "y", "√", "✓", "1", "true", "有"].includes(s)) return true;
      if (["否", "N", "n", "×", "✗", "0", "false", "无"].includes(s)) return false;
      return v;
    }
    case "code":
      if (f.codeList === "category") return String(v).trim();
      return resolveCode(defaultCodeBook(), f.codeList!, String(v)) ?? String(v).trim();
    case "string":
      return String(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  }
}

/** Read one export file with the schema of its source. */
export function readExport(path: string, schema: SourceSchema): ReadResult {
  const m = readMatrix(path);
  if ("error" in m) return { kind: "not_spreadsheet", reason: m.error };
  const cells = m.cells;
  let headerRow = -1;
  let best = 0;
  for (let i = 0; i < Math.min(10, cells.length); i++) {
    const n = (cells[i] ?? []).filter((c) => typeof c === "string" && fieldForHeader(schema, c)).length;
    if (n > best) [best, headerRow] = [n, i];
  }
  if (best < 2) return { kind: "not_spreadsheet", reason: "no header row" };
  const headers = (cells[headerRow] ?? []).map((c) => (c === null ? "" : String(c)));
  const fieldOf = headers.map((h) => fieldForHeader(schema, h));
  const rows: ReadRow[] = [];
  for (let i = headerRow + 1; i < cells.length; i++) {
    const raw = cells[i] ?? [];
    const nonEmpty = raw.filter((c) => c !== null && String(c).trim() !== "");
    if (nonEmpty.length === 0) continue;
    if (/^(合计|总计|小计)/.test(String(nonEmpty[0]).trim())) continue;
    const values: Record<string, unknown> = {};
    for (const f of schema.fields) values[f.name] = null;
    fieldOf.forEach((name, c) => {
      if (!name) return;
      const f = schema.fields.find((x) => x.name === name)!;
      values[name] = normalizeValue(f, raw[c] ?? null);
    });
    if (schema.source === "platform" && typeof values.problem_type === "string") {
      const type = values.problem_type as ProblemType;
      const minor = typeof values.category_minor === "string" ? findCategory(defaultCodeBook(), values.category_minor, "minor", type) : undefined;
      const major = typeof values.category_major === "string" ? findCategory(defaultCodeBook(), values.category_major, "major", type) : undefined;
      if (major) values.category_major = major.code;
      if (minor) values.category_minor = minor.code;
    }
    if (schema.idParts) values[schema.idField] = recordId(schema, values);
    const result = schema.row.safeParse(values);
    const damaged = damagedIdentifier(values[schema.idField] as Raw);
    rows.push({
      rowNumber: i + 1,
      values,
      ok: result.success && !damaged,
      issues: [...(result.success ? [] : result.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`)), ...(damaged ? [`${schema.idField}: truncated by Excel`] : [])]
    });
  }
  return {
    kind: "table",
    container: m.container,
    ...(m.encoding ? { encoding: m.encoding } : {}),
    headers,
    unmapped: headers.filter((h, c) => h !== "" && !fieldOf[c]),
    rows
  };
}
