/** Dates and times as exports write them, to ISO text in China local time (UTC+8). */
import type {Cell} from "../read.ts";
import {FAIL, NULL, type Parsed} from "./numbers.ts";
import {EMPTY, halfWidth, NEEDS_WORK, WHITESPACE} from "./text.ts";

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
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:[T ]?(\d{1,2})(?:[:时点](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?分?|时|点)(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
/**
 * A 12-hour clock's day period, before or after the time: Windows zh-CN writes `tt` as 上午/下午 (2024/3/5 下午 3:05:00),
 * English locales AM/PM; people also type 凌晨, 早上, 中午, 晚上.
 */
const DAY_PERIOD = /(上午|下午|中午|凌晨|早上|早晨|晚上|夜间|[AP]\.?M\.?)/i;
const WEEKDAY = /(星期|周|礼拜)[一二三四五六日天]/;

/** The 24-hour hour of `hour` on a 12-hour clock in `period`; -1 when the two contradict (上午 15:00). */
function hourOfDayPeriod(hour: number, period: string): number {
  switch (period.toUpperCase().replace(/\./g, "")) {
    case "AM":
    case "上午":
    case "凌晨":
    case "早上":
    case "早晨":
      return hour === 12 ? 0 : hour < 12 ? hour : -1;
    case "中午":
      return hour >= 11 ? hour : hour + 12;
    default:
      return hour < 12 ? hour + 12 : hour;
  }
}

/**
 * Parses the date forms seen in exports: Excel serials, 2024年3月5日, 2024/3/5 8:05, 2024-03-05 08:05:00,
 * 2024.3.5, 20240305, ISO with offset (converted to China time), and 12-hour times with a day period before or after
 * the time, with or without spaces (2024/3/5 下午 3:05:00, 2024/3/5 下午3:05, 2024/3/5 3:05:00 PM; 上午 12:30 is 00:30,
 * 下午 12:10 is 12:10). A weekday name (2024年3月5日 星期二) is ignored. Unzoned values are China local time.
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
  let raw = NEEDS_WORK.test(v) ? halfWidth(v).replace(WHITESPACE, " ").trim() : v;
  if (raw.length < 7 && EMPTY.has(raw)) return NULL;
  const period = DAY_PERIOD.exec(raw);
  if (period) raw = `${raw.slice(0, period.index)} ${raw.slice(period.index + period[0].length)}`;
  if (WEEKDAY.test(raw)) raw = raw.replace(WEEKDAY, " ");
  if (period || raw !== v) raw = raw.replace(/ +/g, " ").trim();
  let s = raw;
  let m = DATE_RE.exec(s);
  if (!m && s.includes(" ")) {
    s = raw.replace(/\s*([-/.:年月日号时点分秒])\s*/g, "$1").replace(/ +/g, " ");
    m = DATE_RE.exec(s);
  }
  if (m) {
    let H = m[4] ? Number(m[4]) : 0;
    if (period) {
      if (m[4] === undefined) return FAIL;
      H = hourOfDayPeriod(H, period[1]);
      if (H < 0) return FAIL;
    }
    let p: DateParts | null = {
      y: Number(m[1]),
      m: Number(m[2]),
      d: Number(m[3]),
      H,
      M: m[5] ? Number(m[5]) : 0,
      S: m[6] ? Number(m[6]) : 0,
      hasTime: m[4] !== undefined
    };
    p = valid(p);
    if (p && m[7]) {
      const zone = m[7].toUpperCase();
      const offsetMin = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      const utc = Date.UTC(p.y, p.m - 1, p.d, p.H, p.M, p.S) - offsetMin * 60_000;
      p = valid(fromShiftedMs(utc + CHINA_OFFSET_MS, true));
    }
    return p ? {ok: true, value: p} : FAIL;
  }
  if (period) return FAIL;
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
export function machineDateText(s: string, withTime: boolean): string | undefined {
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
export function datePartsText(v: Cell, date1904: boolean, withTime: boolean): Parsed<string> {
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

