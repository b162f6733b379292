/** Every query of the enforcement page, over the `documents` and `cases` tables. */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";
import {flagCounts, rateFlags, withFlagRates, type FlagRate} from "./flag-rates.js";
import {where, type Dimension, type Filters} from "./filters.js";
import {formatNumber} from "./number-format.js";

/** Document types of the enforcement ladder, in order (codes of loaders/codes/enums.ts). */
export const LADDER = [
  {code: "guidance", label: "城市管理行政意见指导书"},
  {code: "rectification_order", label: "责令停止（改正）违法行为通知书"},
  {code: "penalty_decision", label: "行政处罚决定书"},
  {code: "enforcement_application", label: "申请法院强制执行"}
] as const;

/** The case register's rates, over the per-row flags that `cases` ships (RATES of loaders/metrics/flags.ts). */
export const CASE_RATES: readonly FlagRate[] = [
  {key: "legal_review_rate", numerator: "legal_reviewed", denominator: "general"},
  {key: "collective_discussion_rate", numerator: "large_fine_discussed", denominator: "large_fine"},
  {key: "full_process_record_rate", numerator: "recorded", denominator: "filed"},
  {key: "penalty_disclosure_rate", numerator: "fined_disclosed", denominator: "fined"}
];

export const DOCUMENT_DIMENSIONS: Dimension[] = [
  {key: "year", column: "month", kind: "year"},
  {key: "street", column: "street"},
  {key: "squad", column: "squad"}
];

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT year FROM documents WHERE year IS NOT NULL UNION SELECT DISTINCT year FROM cases WHERE year IS NOT NULL ORDER BY 1")).map((d) => d.year);
}

export async function options(db: Db, column: "street" | "squad"): Promise<string[]> {
  return (await rows(db, `SELECT ${column} AS v, count(*) AS n FROM cases WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v`)).map((d) => d.v);
}

/** Documents issued per ladder step. */
export async function ladder(db: Db, filters: Filters, shiftYears = 0): Promise<{code: string; step: string; n: number}[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS, {shiftYears});
  const counts = new Map((await rows(db, `SELECT doc_type_code AS code, count(*)::DOUBLE AS n FROM documents ${w.sql} GROUP BY 1`, w.params)).map((d) => [d.code, d.n]));
  return LADDER.map((s) => ({code: s.code, step: s.label, n: counts.get(s.code) ?? 0}));
}

export async function documentsByMonth(db: Db, filters: Filters): Promise<Row[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS);
  return rows(db, `SELECT month, doc_type, count(*)::DOUBLE AS n FROM documents ${w.sql} GROUP BY ALL ORDER BY month, doc_type`, w.params);
}

/**
 * Case counts and rates under the filters: each flag of {@link CASE_RATES} summed under its own name (`general`,
 * `legal_reviewed`, `large_fine`, …), the rates by their metric ids, the fine total (元) and the median and mean
 * days from filing to closing.
 */
export async function caseSummary(db: Db, filters: Filters): Promise<Row> {
  const w = where(filters, DOCUMENT_DIMENSIONS);
  const [row] = await rows(db, `SELECT
      count(*)::DOUBLE AS cases,
      ${flagCounts(rateFlags(CASE_RATES))},
      coalesce(sum(fine), 0)::DOUBLE AS fine_total,
      median(duration_days)::DOUBLE AS median_days,
      avg(duration_days)::DOUBLE AS mean_days
    FROM cases ${w.sql}`, w.params);
  return withFlagRates(row, CASE_RATES);
}

/** Cases by `column` (its name, or （未填）): count, fine total (元) and the `general` flag's count. */
export async function casesBy(db: Db, filters: Filters, column: string, omit: string | null = null): Promise<Row[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS, {omit: omit ? [omit] : []});
  return rows(db, `SELECT coalesce(${column}, '（未填）') AS label, count(*)::DOUBLE AS n, coalesce(sum(fine), 0)::DOUBLE AS fine_total,
      ${flagCounts(["general"])}
    FROM cases ${w.sql} GROUP BY 1 ORDER BY n DESC, label`, w.params);
}

/** Fines in bands (元), for the distribution. */
export const FINE_BANDS = [0, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

export async function fineDistribution(db: Db, filters: Filters): Promise<{band: string; n: number; lower: number}[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS);
  const list = await rows(db, `SELECT fine FROM cases ${w.sql}${w.sql ? " AND" : " WHERE"} fined`, w.params);
  const bands = FINE_BANDS.map((lower, i) => ({lower, upper: FINE_BANDS[i + 1] ?? Infinity, n: 0}));
  for (const {fine} of list) bands.find((b) => fine >= b.lower && fine < b.upper)!.n++;
  return bands.map((b) => ({lower: b.lower, n: b.n, band: b.upper === Infinity ? `${formatNumber(b.lower)} 元以上` : `${formatNumber(b.lower)}–${formatNumber(b.upper)} 元`}));
}

export async function durationDistribution(db: Db, filters: Filters): Promise<{bucket: number; n: number}[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS);
  return (await rows(db, `SELECT (floor(duration_days / 7) * 7)::INTEGER AS bucket, count(*)::DOUBLE AS n FROM cases ${w.sql}${w.sql ? " AND" : " WHERE"} duration_days IS NOT NULL GROUP BY 1 ORDER BY 1`, w.params)) as {bucket: number; n: number}[];
}

export async function caseList(db: Db, filters: Filters): Promise<Row[]> {
  const w = where(filters, DOCUMENT_DIMENSIONS);
  return rows(db, `SELECT case_no, filed_on, party_type, party, violation, street, squad, procedure, legal_review, collective_discussion, fine, execution, closed_on, duration_days, status FROM cases ${w.sql} ORDER BY filed_on DESC, case_no`, w.params);
}

/** The page's filter choices. */
export async function enforcementOptions(db: Db): Promise<{years: number[]; streets: string[]; squads: string[]}> {
  const [yearList, streets, squads] = await Promise.all([years(db), options(db, "street"), options(db, "squad")]);
  return {years: yearList, streets, squads};
}

/** Everything the page shows for `filters` ({year, street, squad}). */
export async function enforcementView(db: Db, filters: Filters) {
  const [steps, stepsBefore, summary, byMonth, procedures, bySquad, byViolation, fines, durations, list] = await Promise.all([
    ladder(db, filters),
    filters.year == null ? Promise.resolve(null) : ladder(db, filters, -1),
    caseSummary(db, filters),
    documentsByMonth(db, filters),
    casesBy(db, filters, "procedure"),
    casesBy(db, filters, "squad", "squad"),
    casesBy(db, filters, "violation"),
    fineDistribution(db, filters),
    durationDistribution(db, filters),
    caseList(db, filters)
  ]);
  return {steps, stepsBefore, summary, byMonth, procedures, bySquad, byViolation, fines, durations, list};
}

/** Every year and all years, with no other filter. */
export function enforcementDefaultViews(options: {years: number[]}): Filters[] {
  return [null, ...options.years].map((year) => ({year, street: null, squad: null}));
}
