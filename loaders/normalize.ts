import {resolveCategory, resolveCode, type CodeListId} from "./codes/index.ts";
import type {Cell} from "./read.ts";
import type {FieldSpec, SourceSchema} from "./schema/index.ts";

/** Values exports use for "nothing here". */
const EMPTY = new Set(["", "-", "--", "—", "——", "/", "\\", "null", "NULL", "Null", "#N/A", "N/A", "n/a", "NaN", "无数据"]);

const WHITESPACE = /[\s\u00a0\u3000\ufeff\u200b\u200c\u200d\u2028\u2029]+/g;

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms. */
export function halfWidth(s: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      if (!changed) (out = s.slice(0, i)), (changed = true);
      out += String.fromCharCode(c - 0xfee0);
    } else if (c === 0x3000) {
      if (!changed) (out = s.slice(0, i)), (changed = true);
      out += " ";
    } else if (changed) out += s[i];
  }
  return changed ? out : s;
}

/** Full-width digits, Latin letters and spaces only; Chinese punctuation such as （） and ， is kept in prose. */
export function halfWidthAlnum(s: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
    if (alnum || c === 0x3000) {
      if (!changed) (out = s.slice(0, i)), (changed = true);
      out += c === 0x3000 ? " " : String.fromCharCode(c - 0xfee0);
    } else if (changed) out += s[i];
  }
  return changed ? out : s;
}

function cellString(v: Cell): string {
  return typeof v === "string" ? v : String(v);
}

/** Anything normalization would change; most cells have none, and one test is cheaper than rebuilding them. */
const NEEDS_WORK = /[\s\u00a0\u3000\ufeff\u200b\u200c\u200d\u2028\u2029\uff01-\uff5e]/;

/** Prose: trimmed, inner whitespace (including line breaks) collapsed to one space, full-width digits/letters halved. */
export function normalizeText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  let s = cellString(v);
  if (NEEDS_WORK.test(s)) s = halfWidthAlnum(s).replace(WHITESPACE, " ").trim();
  return s.length < 7 && EMPTY.has(s) ? null : s;
}

/** Identifiers and code labels: fully half-width, no whitespace at all. */
export function normalizeToken(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  let s = cellString(v);
  if (NEEDS_WORK.test(s)) s = halfWidth(s).replace(WHITESPACE, "");
  return s.length < 7 && EMPTY.has(s) ? null : s;
}

/** Key used to compare header texts and code labels: half-width, no spaces, no marks, lower case. */
export function labelKey(s: string): string {
  return halfWidth(s)
    .replace(WHITESPACE, "")
    .replace(/^[*※#]+|[*※:：]+$/g, "")
    .toLowerCase();
}

export type Parsed<T> = {ok: true; value: T | null} | {ok: false};
const FAIL = {ok: false} as const;
const NULL = {ok: true, value: null} as const;

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
const UNITS = /(元|万元|次|人次|人|份|件|个|天|日|篇|场|期|%)$/;

export function parseNumber(v: Cell): Parsed<number> {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "number") return Number.isFinite(v) ? {ok: true, value: v} : FAIL;
  if (typeof v === "boolean") return FAIL;
  if (PLAIN_NUMBER.test(v)) return {ok: true, value: Number(v)};
  let s = normalizeToken(v);
  if (s === null) return NULL;
  s = s.replace(/^[¥￥$]|,/g, "");
  let scale = 1;
  const unit = UNITS.exec(s);
  if (unit) {
    if (unit[1] === "万元") scale = 10000;
    s = s.slice(0, s.length - unit[1].length);
  } else if (s.endsWith("万")) {
    scale = 10000;
    s = s.slice(0, -1);
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return FAIL;
  const n = Number(s) * scale;
  return Number.isFinite(n) ? {ok: true, value: scale === 1 ? n : Math.round(n * 100) / 100} : FAIL;
}

export function parseInteger(v: Cell): Parsed<number> {
  const n = parseNumber(v);
  if (!n.ok || n.value === null) return n;
  return Number.isInteger(n.value) && Number.isSafeInteger(n.value) ? n : FAIL;
}

const TRUE = new Set(["是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对", "已"]);
const FALSE = new Set(["否", "无", "n", "no", "false", "0", "×", "✗", "✘", "x", "未", "不"]);

export function parseBoolean(v: Cell): Parsed<boolean> {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "boolean") return {ok: true, value: v};
  if (typeof v === "number") return v === 1 ? {ok: true, value: true} : v === 0 ? {ok: true, value: false} : FAIL;
  const s = normalizeToken(v);
  if (s === null) return NULL;
  const k = s.toLowerCase();
  if (TRUE.has(k)) return {ok: true, value: true};
  if (FALSE.has(k)) return {ok: true, value: false};
  return FAIL;
}

/** Broken-down China-local (UTC+8) date and time. */
export interface DateParts {
  y: number;
  m: number;
  d: number;
  H: number;
  M: number;
  S: number;
  hasTime: boolean;
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** 1899-12-30, day 0 of Excel's 1900 date system (which counts the phantom 1900-02-29, irrelevant after March 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function daysIn(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function valid(p: DateParts): DateParts | null {
  if (p.y < MIN_YEAR || p.y > MAX_YEAR || p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysIn(p.y, p.m)) return null;
  if (p.H > 23 || p.M > 59 || p.S > 59) return null;
  return p;
}

/** Parts of a UTC millisecond instant shifted so its UTC fields read as China local time. */
function fromShiftedMs(ms: number, hasTime: boolean): DateParts {
  const t = new Date(ms);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    H: t.getUTCHours(),
    M: t.getUTCMinutes(),
    S: t.getUTCSeconds(),
    hasTime
  };
}

function fromSerial(serial: number, date1904: boolean): DateParts | null {
  if (!(serial > 1)) return null;
  const ms = EXCEL_EPOCH_MS + (date1904 ? 1462 : 0) * DAY_MS + Math.round(serial * 86400) * 1000;
  return valid(fromShiftedMs(ms, serial % 1 !== 0));
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** YYYY-MM-DD, YYYY-MM-DD HH:mm and YYYY-MM-DD HH:mm:ss (space or T), the bulk of machine exports. */
function parseIsoFast(s: string): DateParts | null {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 19) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 0 || d < 0) return null;
  if (n === 10) return valid({y, m, d, H: 0, M: 0, S: 0, hasTime: false});
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58) return null;
  const H = digits(s, 11, 13);
  const M = digits(s, 14, 16);
  let S = 0;
  if (n === 19) {
    if (s.charCodeAt(16) !== 58) return null;
    S = digits(s, 17, 19);
  }
  if (H < 0 || M < 0 || S < 0) return null;
  return valid({y, m, d, H, M, S, hasTime: true});
}

const DATE_RE =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:[T ]?(上午|下午|AM|PM)?(\d{1,2})(?:[:时点](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?分?|时|点)(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/**
 * Parses the date forms seen in exports: Excel serials, 2024年3月5日, 2024/3/5 8:05, 2024-03-05 08:05:00,
 * 2024.3.5, 20240305, ISO with offset (converted to China time). Unzoned values are China local time.
 */
export function parseDateParts(v: Cell, date1904 = false): Parsed<DateParts> {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "number") {
    if (v >= 19000101 && v <= 20991231 && Number.isInteger(v)) return parseDateParts(String(v));
    const p = v > 20000 && v < 80000 ? fromSerial(v, date1904) : null;
    return p ? {ok: true, value: p} : FAIL;
  }
  if (typeof v === "boolean") return FAIL;
  const fast = parseIsoFast(v);
  if (fast) return {ok: true, value: fast};
  const raw = NEEDS_WORK.test(v) ? halfWidth(v).replace(WHITESPACE, " ").trim() : v;
  if (raw.length < 7 && EMPTY.has(raw)) return NULL;
  let s = raw;
  let m = DATE_RE.exec(s);
  if (!m && s.includes(" ")) {
    s = raw.replace(/\s*([-/.:年月日号时点分秒])\s*/g, "$1").replace(/ +/g, " ");
    m = DATE_RE.exec(s);
  }
  if (m) {
    let H = m[5] ? Number(m[5]) : 0;
    const ampm = m[4]?.toUpperCase();
    if ((ampm === "下午" || ampm === "PM") && H < 12) H += 12;
    if ((ampm === "上午" || ampm === "AM") && H === 12) H = 0;
    let p: DateParts | null = {
      y: Number(m[1]),
      m: Number(m[2]),
      d: Number(m[3]),
      H,
      M: m[6] ? Number(m[6]) : 0,
      S: m[7] ? Number(m[7]) : 0,
      hasTime: m[5] !== undefined
    };
    p = valid(p);
    if (p && m[8]) {
      const zone = m[8].toUpperCase();
      const offsetMin = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      const utc = Date.UTC(p.y, p.m - 1, p.d, p.H, p.M, p.S) - offsetMin * 60_000;
      p = valid(fromShiftedMs(utc + CHINA_OFFSET_MS, true));
    }
    return p ? {ok: true, value: p} : FAIL;
  }
  m = COMPACT_RE.exec(s);
  if (m) {
    const p = valid({
      y: Number(m[1]),
      m: Number(m[2]),
      d: Number(m[3]),
      H: m[4] ? Number(m[4]) : 0,
      M: m[5] ? Number(m[5]) : 0,
      S: m[6] ? Number(m[6]) : 0,
      hasTime: m[4] !== undefined
    });
    return p ? {ok: true, value: p} : FAIL;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return parseDateParts(Number(s), date1904);
  return FAIL;
}

const pad2 = (n: number) => (n < 10 ? "0" + n : String(n));

export function formatDate(p: DateParts): string {
  return `${p.y}-${pad2(p.m)}-${pad2(p.d)}`;
}

export function formatDateTime(p: DateParts): string {
  return `${p.y}-${pad2(p.m)}-${pad2(p.d)}T${pad2(p.H)}:${pad2(p.M)}:${pad2(p.S)}`;
}

/** Digits at s[i] (one or two of them, as in 3 or 03): the value and where they end, packed as value * 256 + end; -1 if none. */
function shortNumber(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  if (!(a >= 0 && a <= 9)) return -1;
  const b = s.charCodeAt(i + 1) - 48;
  return b >= 0 && b <= 9 ? (a * 10 + b) * 256 + i + 2 : a * 256 + i + 1;
}

/**
 * Whether a 19-character value in the commonest export form, 2024-03-05 08:05:00, is a valid date and time (true),
 * is that form but no date (false), or is another form (undefined); its text then needs no rebuilding.
 */
function canonicalDateTime(s: string): boolean | undefined {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const H = digits(s, 11, 13);
  const M = digits(s, 14, 16);
  const S = digits(s, 17, 19);
  if (y < 0 || m < 0 || d < 0 || H < 0 || M < 0 || S < 0) return undefined;
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) && H <= 23 && M <= 59 && S <= 59;
}

/**
 * The machine forms 2024-03-05 08:05:00, 2024/3/5 8:05 and 2024.3.5 (T or a space before the time) straight to
 * their normalized text without a regular expression or a parts object; undefined for any other form (the general
 * parser then decides) and for dates that do not exist.
 */
function machineDateText(s: string, withTime: boolean): string | undefined {
  const n = s.length;
  if (n === 19 && s.charCodeAt(10) === 32) {
    const canonical = canonicalDateTime(s);
    if (canonical === true) return withTime ? s.slice(0, 10) + "T" + s.slice(11) : s.slice(0, 10);
    if (canonical === false) return undefined;
  }
  if (n < 8 || n > 19) return undefined;
  const y = digits(s, 0, 4);
  const sep = s.charCodeAt(4);
  if (y < MIN_YEAR || y > MAX_YEAR || (sep !== 45 && sep !== 47 && sep !== 46)) return undefined;
  const mm = shortNumber(s, 5);
  if (mm < 0 || s.charCodeAt(mm & 255) !== sep) return undefined;
  const dd = shortNumber(s, (mm & 255) + 1);
  if (dd < 0) return undefined;
  const m = mm >> 8;
  const d = dd >> 8;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  const day = `${y}-${pad2(m)}-${pad2(d)}`;
  let i = dd & 255;
  if (i === n) return withTime ? day + "T00:00:00" : day;
  const t = s.charCodeAt(i);
  if (t !== 32 && t !== 84) return undefined;
  const hh = shortNumber(s, i + 1);
  if (hh < 0 || s.charCodeAt(hh & 255) !== 58) return undefined;
  i = (hh & 255) + 1;
  const M = digits(s, i, i + 2);
  let S = 0;
  if (i + 2 === n) S = 0;
  else if (i + 5 === n && s.charCodeAt(i + 2) === 58) S = digits(s, i + 3, i + 5);
  else return undefined;
  const H = hh >> 8;
  if (H > 23 || M < 0 || M > 59 || S < 0 || S > 59) return undefined;
  return withTime ? `${day}T${pad2(H)}:${pad2(M)}:${pad2(S)}` : day;
}

/** The general parser's reading of a date cell as normalized text (what remains once machine forms are ruled out). */
function datePartsText(v: Cell, date1904: boolean, withTime: boolean): Parsed<string> {
  const p = parseDateParts(v, date1904);
  return p.ok && p.value ? {ok: true, value: withTime ? formatDateTime(p.value) : formatDate(p.value)} : (p as Parsed<string>);
}

function parseDateText(v: Cell, date1904: boolean, withTime: boolean): Parsed<string> {
  const fast = typeof v === "string" ? machineDateText(v, withTime) : undefined;
  return fast !== undefined ? {ok: true, value: fast} : datePartsText(v, date1904, withTime);
}

/** 'YYYY-MM-DD' or null; a time part is dropped. */
export function parseDate(v: Cell, date1904 = false): Parsed<string> {
  return parseDateText(v, date1904, false);
}

/** 'YYYY-MM-DDTHH:mm:ss' China local time or null; a date without time means 00:00:00. */
export function parseDateTime(v: Cell, date1904 = false): Parsed<string> {
  return parseDateText(v, date1904, true);
}

/** The month (YYYY-MM) a file name refers to, the latest one if it names a range; null when it names none. */
export function monthOfFileName(name: string): string | null {
  const s = halfWidth(name);
  let best: string | null = null;
  const consider = (y: number, m: number) => {
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return;
    const k = `${y}-${pad2(m)}`;
    if (best === null || k > best) best = k;
  };
  for (const m of s.matchAll(/(?<!\d)(20\d{2})\s*(?:[-_.年/]\s*)?(\d{1,2})(?:\s*月)?(?!\d)/g)) consider(Number(m[1]), Number(m[2]));
  for (const m of s.matchAll(/(?<!\d)(20\d{2})(\d{2})\d{2}(?!\d)/g)) consider(Number(m[1]), Number(m[2]));
  return best;
}

/** A problem found in one row; `code` groups reasons in the report, `message` is for the data maintainer. */
export interface Issue {
  code: string;
  field: string | null;
  message: string;
}

type Lookup = (raw: string) => string | undefined;

/** Fields holding identifiers, phone numbers or patterned codes lose all whitespace and become fully half-width. */
function isTokenField(f: FieldSpec, idField: string): boolean {
  return f.name === idField || /(_no|_id)$/.test(f.name) || f.personal === "phone" || f.personal === "id_number" || Boolean(f.pattern);
}

function preview(v: Cell): string {
  const s = String(v);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** Platform numbers typed into Excel as numbers lose their leading zero: 5 -> 05, 510 -> 0510. */
function padCode(v: unknown, n: number): string | null {
  return typeof v === "string" && v.length < n && /^\d+$/.test(v) ? v.padStart(n, "0") : (v as string | null);
}

export interface NormalizedRow {
  row: Record<string, unknown>;
  issues: Issue[];
}

const TYPE_WORDS: Record<string, string> = {integer: "整数", number: "数值", boolean: "是/否", date: "日期", datetime: "日期时间"};

function invalidIssue(f: FieldSpec, cell: Cell): Issue {
  return {code: `invalid_${f.type}:${f.name}`, field: f.name, message: `${f.label}“${preview(cell)}”无法识别为${TYPE_WORDS[f.type] ?? f.type}`};
}

function unknownCodeIssue(f: FieldSpec, text: string): Issue {
  return {code: `unknown_code:${f.name}`, field: f.name, message: `${f.label}“${preview(text)}”不在代码表中`};
}

/** What the compiled normalizer calls; passed in because code made by `new Function` sees no module scope. */
const HELPERS = {normalizeText, normalizeToken, parseInteger, parseNumber, parseBoolean, machineDateText, datePartsText, invalidIssue, unknownCodeIssue};

/**
 * Compiles the cell-to-value conversion of one source for a file's column layout: every field is read from its
 * column, converted to its type (dates as YYYY-MM-DD, datetimes as YYYY-MM-DDTHH:mm:ss China time) and code labels
 * are mapped to codes. Conversion failures become issues; required/min/pattern and cross-field rules are left to
 * the schema (validate.ts). The conversion is generated as one statement per field, so that V8 sees fixed property
 * names and one object shape, which a loop over the fields cannot give it.
 */
export function compileNormalizer(
  schema: SourceSchema,
  columns: ReadonlyMap<string, number>,
  options: {date1904?: boolean} = {}
): (cells: Cell[]) => NormalizedRow {
  const lookups = new Map<string, Lookup>();
  const lookupFor = (list: CodeListId): Lookup => {
    let l = lookups.get(list);
    if (!l) {
      const cache = new Map<string, string | undefined>();
      l = (raw) => {
        if (cache.has(raw)) return cache.get(raw);
        const code = resolveCode(list, raw);
        cache.set(raw, code);
        return code;
      };
      lookups.set(list, l);
    }
    return l;
  };
  const steps = schema.fields
    .filter((f) => columns.has(f.name) && !f.derived)
    .map((f) => ({
      f,
      col: columns.get(f.name)!,
      lookup: f.type === "code" && f.codeList && f.codeList !== "category" ? lookupFor(f.codeList) : null
    }));
  const statements = steps.map(({f, col, lookup}, i) => {
    const target = `row[${JSON.stringify(f.name)}]`;
    const cell = `cells[${col}]`;
    switch (f.type) {
      case "string": {
        const token = isTokenField(f, schema.idField);
        if (f.personal === "id_number") return `s = h.normalizeToken(${cell}); ${target} = s === null ? null : s.toUpperCase();`;
        return `${target} = h.${token ? "normalizeToken" : "normalizeText"}(${cell});`;
      }
      case "code":
        if (lookup === null) return `${target} = h.normalizeText(${cell});`;
        return (
          `s = h.normalizeText(${cell}); ` +
          `if (s === null) ${target} = null; ` +
          `else if ((code = steps[${i}].lookup(s)) === undefined) { issues.push(h.unknownCodeIssue(steps[${i}].f, s)); ${target} = undefined; } ` +
          `else ${target} = code;`
        );
      case "date":
      case "datetime": {
        const withTime = f.type === "datetime";
        // the machine forms without a result object; anything else once, by the general parser
        return (
          `c = ${cell}; ` +
          `if (typeof c === "string" && (s = h.machineDateText(c, ${withTime})) !== undefined) ${target} = s; ` +
          `else if ((p = h.datePartsText(c === undefined ? null : c, date1904, ${withTime})).ok) ${target} = p.value; ` +
          `else { issues.push(h.invalidIssue(steps[${i}].f, c === undefined ? null : c)); ${target} = undefined; }`
        );
      }
      default: {
        const parse = {integer: "parseInteger", number: "parseNumber", boolean: "parseBoolean"}[f.type];
        return (
          `c = ${cell}; ` +
          `if ((p = h.${parse}(c === undefined ? null : c)).ok) ${target} = p.value; ` +
          `else { issues.push(h.invalidIssue(steps[${i}].f, c === undefined ? null : c)); ${target} = undefined; }`
        );
      }
    }
  });
  const resolveCategories = schema.fields.some((f) => f.codeList === "category") && schema.fields.some((f) => f.name === "problem_type") ? categoryResolver() : null;
  const literal = `{${schema.fields.map((f) => `${JSON.stringify(f.name)}: null`).join(", ")}}`;
  const body = `return (cells) => {
    const row = ${literal};
    const issues = [];
    let c, s, p, code;
    ${statements.join("\n    ")}
    ${resolveCategories ? "resolveCategories(row, issues);" : ""}
    return {row, issues};
  };`;
  return new Function("h", "steps", "date1904", "resolveCategories", body)(HELPERS, steps, options.date1904 ?? false, resolveCategories);
}

/** Problem type, 大类 and 小类 codes resolved together (codes typed as numbers lose their leading zeros), once per combination. */
function categoryResolver(): (row: Record<string, unknown>, issues: Issue[]) => void {
  const cache = new Map<string, {major: string; minor: string | undefined} | undefined>();
  return (row, issues) => {
    const type = row.problem_type;
    const major = padCode(row.category_major, 2);
    const minor = padCode(row.category_minor, 4);
    if ((major || minor) && (type === "event" || type === "component")) {
      const key = `${type}\u0000${major}\u0000${minor}`;
      let resolved = cache.get(key);
      if (!cache.has(key)) {
        resolved = resolveCategory(type, major ?? undefined, minor ?? undefined);
        cache.set(key, resolved);
      }
      if (resolved) {
        row.category_major = resolved.major;
        row.category_minor = resolved.minor ?? null;
      } else {
        issues.push({
          code: "unknown_code:category",
          field: "category_minor",
          message: `类别“${major ?? ""}/${minor ?? ""}”不在${type === "event" ? "事件" : "部件"}类别代码表中，或小类不属于大类`
        });
        row.category_major = row.category_minor = undefined;
      }
    } else if (major || minor) {
      row.category_major = row.category_minor = undefined;
    }
  };
}
