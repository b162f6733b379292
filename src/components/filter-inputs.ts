/**
 * The filter controls the explorer pages share: a year (every year, or one; the latest by default) and choices
 * among a dimension's values (all by default), each kept in the URL so that a copied link reopens the same view.
 */
import * as Inputs from "npm:@observablehq/inputs";
import {bindToUrl, numberCodec, stringCodec, type ValueElement} from "./url-state.js";

/** `?year=`: null stands for every year. */
export function yearFilter(years: readonly number[], latest: number | null, invalidation: Promise<unknown>): ValueElement<number | null> {
  const input = Inputs.select([null, ...years], {label: "年度", value: latest, format: (d: number | null) => (d == null ? "全部年度" : `${d}年`)});
  return bindToUrl(input, "year", numberCodec, {fallback: latest, invalidation});
}

/** `?<key>=`: one of `values`, or null for all of them. */
export function choiceFilter(key: string, label: string, values: readonly string[], invalidation: Promise<unknown>): ValueElement<string | null> {
  const input = Inputs.select([null, ...values], {label, format: (d: string | null) => d ?? "全部"});
  return bindToUrl(input, key, stringCodec, {fallback: null, invalidation});
}
