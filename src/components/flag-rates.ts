/**
 * Rates as the hotline, enforcement and review pages compute them: sums of the per-row flag columns that the loaders
 * publish (loaders/metrics/flags.ts, FLAGS), each rate one flag over another as RATES there defines it (a unit test
 * holds each page's list to RATES). Pure, with no browser or `npm:` import.
 */
import {formatInteger} from "./number-format.js";
import type {Row} from "./query.js";
import {ratio} from "./ratio.js";

/** A rate of a page; `numerator`, `denominator` and `unmapped` name published boolean flag columns. */
export interface FlagRate {
  /** The rate's name in the page's rows. */
  key: string;
  /** Its metric id in RATES, when that differs from `key`. */
  metric?: string;
  numerator: string;
  denominator: string;
  /** A flag counting the denominator's rows whose coded value no code list knows. */
  unmapped?: string;
}

/** Every flag the rates read, once each, in order of first use. */
export function rateFlags(rates: readonly FlagRate[]): string[] {
  return [...new Set(rates.flatMap((r) => [r.numerator, r.denominator, ...(r.unmapped ? [r.unmapped] : [])]))];
}

/** SQL select items `count(*) FILTER (WHERE flag)::DOUBLE AS flag` for each flag (the flags are boolean columns). */
export function flagCounts(flags: readonly string[]): string {
  return flags.map((f) => `count(*) FILTER (WHERE ${f})::DOUBLE AS ${f}`).join(",\n  ");
}

/** Adds each rate (a fraction, or null when its denominator is 0) to a row of flag counts, under the rate's key. */
export function withFlagRates(row: Row, rates: readonly FlagRate[]): Row {
  const out: Row = {...row};
  for (const r of rates) out[r.key] = ratio(row[r.numerator], row[r.denominator]);
  return out;
}

/**
 * The remark next to a rate whose denominator holds rows with a value outside its code list ("含 3 个未归类取值"),
 * or "" when there are none. `n` is a count of rows (each has one such value).
 */
export function unmappedNote(n: number | null | undefined): string {
  return n != null && n > 0 ? `含 ${formatInteger(n)} 个未归类取值` : "";
}

/** `note` with the unmapped remark appended after "；" when there is one. */
export function withUnmappedNote(note: string, n: number | null | undefined): string {
  const remark = unmappedNote(n);
  return remark ? `${note}；${remark}` : note;
}
