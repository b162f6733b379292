/** Numbers and yes/no cells as exports write them: 1,200 · ¥500 · 0.5万元 · 是/否 · √/×. */
import type {Cell} from "../read.ts";
import {normalizeToken} from "./text.ts";

export type Parsed<T> = {ok: true; value: T | null} | {ok: false};
export const FAIL = {ok: false} as const;
export const NULL = {ok: true, value: null} as const;

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

