import { byCode, categoryByCode } from "./codes.ts";
import type { CodeListId } from "../../loaders/codes/index.ts";
import type { FieldSpec, SourceSchema } from "../../loaders/schema/index.ts";
import type { Rng } from "./random.ts";
import type { Cell, Format } from "./writers.ts";

export type DateStyle = "serial" | "slash" | "cn" | "iso";

export interface ColumnSpec {
  field: string;
  header: string;
  /** Category columns: print the platform's 2/4-digit number instead of the name. */
  gb?: boolean;
}

/** How one system (or one clerk) writes a monthly export. */
export interface Profile {
  format: Format;
  stem: string;
  columns: ColumnSpec[];
  dateStyle: DateStyle;
  title: boolean;
  subtitle: boolean;
  total: boolean;
  /** Alias index to print instead of a code's canonical name. */
  codeAlias?: Partial<Record<CodeListId, number>>;
  /** This system's own wording for some codes, which the shipped code lists need not know (已归档 for 结案). */
  spellings?: Partial<Record<CodeListId, Record<string, string>>>;
  bool: "yesno" | "check";
  /** Probability that a number or date cell is written with full-width digits. */
  fullWidth: number;
  /** Probability that a text cell gets stray spaces. */
  spaces: number;
  /** Numbers as text with thousands separators and two decimals, as some registers print money. */
  thousands: boolean;
}

/** Columns from a header list, validated against the schema's aliases. */
export function columns(schema: SourceSchema, headers: ReadonlyArray<string | [string, { gb: true }]>): ColumnSpec[] {
  return headers.map((h) => {
    const header = typeof h === "string" ? h : h[0];
    const f = schema.fields.find((x) => x.aliases.includes(header));
    if (!f) throw new Error(`${schema.source}: header ${header} is not an alias of any field`);
    return typeof h === "string" ? { field: f.name, header } : { field: f.name, header, gb: true };
  });
}

const FW_OFFSET = 0xff10 - 0x30;

export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FW_OFFSET));
}

function renderDate(iso: string, withTime: boolean, style: DateStyle): Cell {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = +iso.slice(8, 10);
  const hh = withTime ? +iso.slice(11, 13) : 0;
  const mi = withTime ? +iso.slice(14, 16) : 0;
  const ss = withTime ? +iso.slice(17, 19) : 0;
  const p2 = (n: number) => String(n).padStart(2, "0");
  switch (style) {
    case "serial":
      return {
        serial: (Date.UTC(y, m - 1, d, hh, mi, ss) / 1000) / 86400 + 25569,
        fmt: withTime ? "yyyy/m/d h:mm" : "yyyy/m/d"
      };
    case "slash":
      return withTime ? `${y}/${m}/${d} ${hh}:${p2(mi)}` : `${y}/${m}/${d}`;
    case "cn":
      return withTime ? `${y}年${m}月${d}日 ${p2(hh)}:${p2(mi)}` : `${y}年${m}月${d}日`;
    case "iso":
      return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
  }
}

function spaced(s: string, rng: Rng): string {
  const r = rng.next();
  return r < 0.4 ? ` ${s}` : r < 0.8 ? `${s} ` : `${s}\u3000`;
}

function isCsv(p: Profile): boolean {
  return p.format !== "xlsx" && p.format !== "xls";
}

/** Render one normalized value the way the profile's system would print it. */
export function renderValue(f: FieldSpec, value: unknown, col: ColumnSpec, p: Profile, rng: Rng): Cell {
  if (value === null || value === undefined) return null;
  switch (f.type) {
    case "date":
    case "datetime": {
      const style = p.dateStyle === "serial" && isCsv(p) ? "iso" : p.dateStyle;
      const cell = renderDate(String(value), f.type === "datetime", style);
      return typeof cell === "string" && p.fullWidth > 0 && rng.chance(p.fullWidth) ? fullWidthDigits(cell) : cell;
    }
    case "integer":
    case "number": {
      const n = value as number;
      if (p.thousands && f.type === "number") return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      if (p.fullWidth > 0 && rng.chance(p.fullWidth)) return fullWidthDigits(String(n));
      return isCsv(p) ? String(n) : n;
    }
    case "boolean":
      return p.bool === "check" ? (value ? "√" : "×") : value ? "是" : "否";
    case "code": {
      const code = String(value);
      if (f.codeList === "category") {
        const c = categoryByCode(code);
        if (!c) return code;
        return col.gb ? c.gb : c.name;
      }
      const own = p.spellings?.[f.codeList!]?.[code];
      if (own !== undefined) return own;
      const entry = byCode(f.codeList!, code);
      if (!entry) return code;
      const ai = p.codeAlias?.[f.codeList!];
      const text = ai !== undefined && entry.aliases && entry.aliases[ai] ? entry.aliases[ai] : entry.name;
      return p.spaces > 0 && rng.chance(p.spaces / 2) ? text.slice(0, 2) + "\u3000" + text.slice(2) : text;
    }
    case "string": {
      const s = String(value);
      return p.spaces > 0 && rng.chance(p.spaces) ? spaced(s, rng) : s;
    }
  }
}

const specCache = new WeakMap<Profile, FieldSpec[]>();

export function renderRow(schema: SourceSchema, p: Profile, row: Record<string, unknown>, rng: Rng): Cell[] {
  let specs = specCache.get(p);
  if (!specs) {
    specs = p.columns.map((col) => schema.fields.find((x) => x.name === col.field)!);
    specCache.set(p, specs);
  }
  const out: Cell[] = new Array(specs.length);
  for (let i = 0; i < specs.length; i++) out[i] = renderValue(specs[i], row[p.columns[i].field], p.columns[i], p, rng);
  return out;
}

export function totalRow(p: Profile, n: number, unit: string): Cell[] {
  const cells: Cell[] = p.columns.map(() => null);
  cells[0] = "合计";
  if (cells.length > 1) cells[1] = `共${n}${unit}`;
  return cells;
}
