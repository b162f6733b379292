/**
 * The filter controls the pages share: a year (the latest by default, on every page) and choices among a dimension's
 * values (all by default), each kept in the URL so that a copied link reopens the same view.
 */
import * as Inputs from "npm:@observablehq/inputs";
import {bindToUrl, numberCodec, stringCodec, type ValueElement} from "./url-state.js";
import {defaultYear, yearOptionLabel, YEAR_LABEL} from "./years.js";

/**
 * `?year=`: one of `years`, the default year of `defaultYear` unless the URL says otherwise; with `allYears`, null
 * stands for every year.
 */
export function yearFilter(years: readonly number[], invalidation: Promise<unknown>, {latestMonth = null, allYears = true, label = YEAR_LABEL}: {latestMonth?: string | null; allYears?: boolean; label?: string} = {}): ValueElement<number | null> {
  const value = defaultYear(years);
  const choices = allYears ? [null, ...years] : [...years];
  const input = Inputs.select(choices, {label, value, format: (d: number | null) => (d == null ? "全部年度" : yearOptionLabel(d, latestMonth))});
  return bindToUrl(input, "year", numberCodec, {fallback: value, invalidation});
}

/** `?<key>=`: one of `values`, or null for all of them. */
export function choiceFilter(key: string, label: string, values: readonly string[], invalidation: Promise<unknown>): ValueElement<string | null> {
  const input = Inputs.select([null, ...values], {label, format: (d: string | null) => d ?? "全部"});
  return bindToUrl(input, key, stringCodec, {fallback: null, invalidation});
}
