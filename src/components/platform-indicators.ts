/**
 * The platform's evaluation indicators as the pages and the monthly bulletin show them: each is a numerator flag over
 * a denominator flag of loaders/metrics/platform.ts (PLATFORM_RATES; a unit test holds the two together). Pure, so the
 * bulletin built in Node computes its rates with the same function as the 数字城管案件 page.
 */
import type {Row} from "./query.js";
import {ratio} from "./ratio.js";

/** Indicators of the GB/T 30428-style evaluation: numerator and denominator flags of the cubes. */
export const INDICATORS = [
  {key: "registration_rate", label: "立案率", numerator: "registered", denominator: "valid", denominatorLabel: "有效上报数", higherIsBetter: true},
  {key: "ontime_dispatch_rate", label: "按期派遣率", numerator: "dispatched_on_time", denominator: "dispatch_due", denominatorLabel: "应派遣数", higherIsBetter: true},
  {key: "ontime_handle_rate", label: "按期处置率", numerator: "handled_on_time", denominator: "handle_due", denominatorLabel: "应处置数", higherIsBetter: true},
  {key: "close_rate", label: "结案率", numerator: "closed", denominator: "close_due", denominatorLabel: "应结案数", higherIsBetter: true},
  {key: "ontime_close_rate", label: "按期结案率", numerator: "closed_on_time", denominator: "close_due", denominatorLabel: "应结案数", higherIsBetter: true},
  {key: "rework_rate", label: "返工率", numerator: "reworked", denominator: "close_due", denominatorLabel: "应结案数", higherIsBetter: false},
  {key: "extension_rate", label: "延期率", numerator: "extended", denominator: "handle_due", denominatorLabel: "应处置数", higherIsBetter: false}
] as const;

export type Indicator = (typeof INDICATORS)[number];
export type IndicatorKey = Indicator["key"];

/** Adds each indicator's rate (a fraction, or null when its denominator is 0) to a row of flag sums. */
export function withRates(row: Row): Row {
  const out: Row = {...row};
  for (const i of INDICATORS) out[i.key] = ratio(row[i.numerator], row[i.denominator]);
  return out;
}
