/** Text cells as exports write them: full-width forms, stray whitespace and the many spellings of "empty". */
import type {Cell} from "../read.ts";

/** Values exports use for "nothing here". */
export const EMPTY = new Set(["", "-", "--", "—", "——", "/", "\\", "null", "NULL", "Null", "#N/A", "N/A", "n/a", "NaN", "无数据"]);

export const WHITESPACE = /[\s\u00a0\u3000\ufeff\u200b\u200c\u200d\u2028\u2029]+/g;

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

export function cellString(v: Cell): string {
  return typeof v === "string" ? v : String(v);
}

/** Anything normalization would change; most cells have none, and one test is cheaper than rebuilding them. */
export const NEEDS_WORK = /[\s\u00a0\u3000\ufeff\u200b\u200c\u200d\u2028\u2029\uff01-\uff5e]/;

/** Prose: trimmed, inner whitespace (including line breaks) collapsed to one space, full-width digits/letters halved. */
export function normalizeText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  let s = cellString(v);
  if (NEEDS_WORK.test(s)) s = halfWidthAlnum(s).replace(WHITESPACE, " ").trim();
  return s.length < 7 && EMPTY.has(s) ? null : s;
}

/** Identifiers and code labels: fully half-width, no whitespace at all, without Excel's leading ' mark for text. */
export function normalizeToken(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  let s = cellString(v);
  if (NEEDS_WORK.test(s)) s = halfWidth(s).replace(WHITESPACE, "");
  if (s.charCodeAt(0) === 0x27) s = s.slice(1);
  return s.length < 7 && EMPTY.has(s) ? null : s;
}

/** Key used to compare header texts and code labels: half-width, no spaces, no marks, lower case. */
export function labelKey(s: string): string {
  return halfWidth(s)
    .replace(WHITESPACE, "")
    .replace(/^[*※#]+|[*※:：]+$/g, "")
    .toLowerCase();
}

