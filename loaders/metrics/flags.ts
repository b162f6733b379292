/**
 * Every rate the dashboard shows, defined once: per-row flags as SQL over the warehouse's clean tables, and each rate
 * as one flag over another. What a coded value means (a satisfied level, a corrective outcome, a resolved result) is
 * read from the code lists' attributes, which the warehouse keeps in `code_attributes`; the flags never name vendor
 * wording. The publishing queries ship these flags as columns, so a page sums them under its filters instead of
 * writing a formula again; `compute.ts` sums them over a period for the annual figures and the plan.
 */
import type {AttributeValue, CodeListId} from "../codes/index.ts";
import {LARGE_FINE_THRESHOLD} from "../codes/index.ts";
import {literal} from "../warehouse.ts";
import {PLATFORM_FLAGS, PLATFORM_RATES} from "./platform.ts";

/** SQL: `column` holds a code whose `attribute` is `value` in the warehouse's code book. */
export function hasAttribute(column: string, list: CodeListId, attribute: string, value: AttributeValue): string {
  return `coalesce(${column} IN (SELECT code FROM code_attributes WHERE list = ${literal(list)} AND attribute = ${literal(attribute)} AND value = ${literal(String(value))}), false)`;
}

/** SQL: `column` holds a value its code list does not know (kept as the export's text). */
export function unmappedValue(column: string, list: CodeListId): string {
  return `coalesce(${column} NOT IN (SELECT code FROM codes WHERE list = ${literal(list)}), false)`;
}

const NOT_RATED = hasAttribute("satisfaction", "satisfaction", "rated", false);

export const HOTLINE_FLAGS = {
  received: `TRUE`,
  /** 已办结: derived at ingest from 办结时间 and the status (loaders/derive.ts). */
  completed: `coalesce(completed, false)`,
  resolved: `coalesce(completed, false) AND ${hasAttribute("result", "hotline_result", "resolved", true)}`,
  result_unmapped: `coalesce(completed, false) AND ${unmappedValue("result", "hotline_result")}`,
  /** 有满意度评价: a level other than those the code list excludes (未回访). */
  rated: `satisfaction IS NOT NULL AND NOT ${NOT_RATED}`,
  satisfied: `${hasAttribute("satisfaction", "satisfaction", "satisfied", true)} AND NOT ${NOT_RATED}`,
  satisfaction_unmapped: unmappedValue("satisfaction", "satisfaction")
} as const;

export const CASE_FLAGS = {
  filed: `TRUE`,
  general: `coalesce(procedure = 'general', false)`,
  legal_reviewed: `coalesce(procedure = 'general' AND legal_review, false)`,
  large_fine: `coalesce(fine >= ${LARGE_FINE_THRESHOLD}, false)`,
  large_fine_discussed: `coalesce(fine >= ${LARGE_FINE_THRESHOLD} AND collective_discussion, false)`,
  recorded: `coalesce(full_process_record, false)`,
  fined: `coalesce(fine > 0, false)`,
  fined_disclosed: `coalesce(fine > 0 AND disclosed, false)`
} as const;

export const REVIEW_FLAGS = {
  decided: `decided_on IS NOT NULL`,
  corrected: `decided_on IS NOT NULL AND ${hasAttribute("outcome", "review_outcome", "corrective", true)}`,
  outcome_unmapped: `decided_on IS NOT NULL AND ${unmappedValue("outcome", "review_outcome")}`,
  /** 已开庭的行政诉讼: reconsiderations have no hearing to appear at. */
  heard: `hearing_on IS NOT NULL AND coalesce(category <> 'reconsideration', true)`,
  appeared: `hearing_on IS NOT NULL AND coalesce(category <> 'reconsideration', true) AND coalesce(head_appeared, false)`
} as const;

export const FLAGS = {platform: PLATFORM_FLAGS, hotline: HOTLINE_FLAGS, cases: CASE_FLAGS, review: REVIEW_FLAGS} as const;
type FlagSource = keyof typeof FLAGS;

/** A rate: the rows of `source` dated by `date` in a period, `numerator` flag over `denominator` flag. */
export interface RateDef {
  source: FlagSource;
  numerator: string;
  denominator: string;
  /** The column that places a row in a period. */
  date: string;
  /** A flag counting denominator rows whose coded value no code list knows ("含 N 个未归类取值"). */
  unmapped?: string;
}

type Flag<S extends FlagSource> = keyof (typeof FLAGS)[S] & string;

/** A rate whose flags are checked against its source's flags by the compiler. */
function rateOf<S extends FlagSource>(source: S, numerator: Flag<S>, denominator: Flag<S>, date: string, unmapped?: Flag<S>): RateDef {
  return unmapped ? {source, numerator, denominator, date, unmapped} : {source, numerator, denominator, date};
}

/** Every rate metric of loaders/codes/metrics.ts, by id. */
export const RATES: Record<string, RateDef> = {
  ...Object.fromEntries(Object.entries(PLATFORM_RATES).map(([id, [numerator, denominator]]) => [id, rateOf("platform", numerator, denominator, "reported_at")])),
  legal_review_rate: rateOf("cases", "legal_reviewed", "general", "filed_on"),
  collective_discussion_rate: rateOf("cases", "large_fine_discussed", "large_fine", "filed_on"),
  full_process_record_rate: rateOf("cases", "recorded", "filed", "filed_on"),
  penalty_disclosure_rate: rateOf("cases", "fined_disclosed", "fined", "filed_on"),
  correction_rate: rateOf("review", "corrected", "decided", "decided_on", "outcome_unmapped"),
  head_appearance_rate: rateOf("review", "appeared", "heard", "hearing_on"),
  hotline_completion_rate: rateOf("hotline", "completed", "received", "received_at"),
  hotline_resolution_rate: rateOf("hotline", "resolved", "completed", "received_at", "result_unmapped"),
  hotline_satisfaction_rate: rateOf("hotline", "satisfied", "rated", "received_at", "satisfaction_unmapped")
};

/** SQL of one flag of a source. */
export function flagSql(source: FlagSource, flag: string): string {
  const sql = (FLAGS[source] as Record<string, string>)[flag];
  if (sql === undefined) throw new Error(`no flag ${flag} for ${source}`);
  return sql;
}

/** `flag AS name` columns, for a publishing query that ships a source's flags row by row. */
export function flagColumns(source: FlagSource, flags: readonly string[] = Object.keys(FLAGS[source])): string {
  return flags.map((f) => `(${flagSql(source, f)}) AS ${f}`).join(",\n  ");
}

