/** Every query of the review-and-litigation page, over the `review` table. */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";
import {flagCounts, rateFlags, withFlagRates, type FlagRate} from "./flag-rates.js";

/** 纠错率 (by decision year) and 负责人出庭应诉率 (by hearing year), over the per-row flags that `review` ships (RATES of loaders/metrics/flags.ts). */
export const REVIEW_RATES: readonly FlagRate[] = [
  {key: "correction_rate", numerator: "corrected", denominator: "decided", unmapped: "outcome_unmapped"},
  {key: "head_appearance_rate", numerator: "appeared", denominator: "heard"}
];
const [CORRECTION, APPEARANCE] = REVIEW_RATES;

export async function byYearAndOutcome(db: Db, category: string | null): Promise<Row[]> {
  return rows(db, `SELECT CAST(year AS VARCHAR) AS x, coalesce(outcome, '未审结') AS "group", count(*)::DOUBLE AS n FROM review WHERE (? IS NULL OR category = ?) GROUP BY ALL ORDER BY 1`, [category, category]);
}

/**
 * Per year: cases received (by 收案年度), the flags of 纠错率 summed by decision year (`decided`, `corrected`,
 * `outcome_unmapped`) and those of 负责人出庭应诉率 by hearing year (`heard`, `appeared`), with both rates.
 */
export async function rates(db: Db, category: string | null): Promise<Row[]> {
  const params = [category, category];
  const decided = await rows(db, `SELECT decided_year AS year, ${flagCounts(rateFlags([CORRECTION]))} FROM review WHERE ${CORRECTION.denominator} AND (? IS NULL OR category = ?) GROUP BY 1`, params);
  const heard = await rows(db, `SELECT hearing_year AS year, ${flagCounts(rateFlags([APPEARANCE]))} FROM review WHERE ${APPEARANCE.denominator} AND (? IS NULL OR category = ?) GROUP BY 1`, params);
  const received = await rows(db, `SELECT year, count(*)::DOUBLE AS received FROM review WHERE (? IS NULL OR category = ?) GROUP BY 1`, params);
  const years = [...new Set([...decided, ...heard, ...received].map((d) => d.year))].sort();
  const zero = Object.fromEntries(rateFlags(REVIEW_RATES).map((f) => [f, 0]));
  return years.map((year) => {
    const d = decided.find((r) => r.year === year);
    const h = heard.find((r) => r.year === year);
    const r = received.find((x) => x.year === year);
    return withFlagRates({...zero, ...d, ...h, year, received: r?.received ?? 0}, REVIEW_RATES);
  });
}

/** Cases without a decision, oldest first; `withDaysOpen` adds how long each has been open on the day the page is read. */
export async function openCases(db: Db): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, applicant, hearing_on FROM review WHERE NOT decided ORDER BY received_on`);
}

/** Each open case with `days_open`: whole days from its received_on ("YYYY-MM-DD", China time) to `today`. */
export function withDaysOpen(cases: readonly Row[], today: Date = new Date()): Row[] {
  const day = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return cases.map((c) => ({...c, days_open: c.received_on ? Math.round((day - Date.parse(`${String(c.received_on).slice(0, 10)}T00:00:00Z`)) / 86_400_000) : null}));
}

export async function allCases(db: Db, category: string | null): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, decided_on, applicant, outcome, hearing_on, head_appeared FROM review WHERE (? IS NULL OR category = ?) ORDER BY received_on DESC`, [category, category]);
}

/** The page for a category (null = all): yearly rates, outcomes by year, the case list, and the open cases. */
export async function reviewView(db: Db, filters: {category?: string | number | null}) {
  const category = filters.category == null ? null : String(filters.category);
  const [yearly, outcomes, list, open] = await Promise.all([rates(db, category), byYearAndOutcome(db, category), allCases(db, category), openCases(db)]);
  return {yearly, outcomes, list, open};
}

/** Every category and all together: the page never waits for the engine. */
export function reviewDefaultViews(options: {categories: string[]}): {category: string | null}[] {
  return [null, ...options.categories].map((category) => ({category}));
}

/** The categories in the data (行政复议, 行政诉讼一审, …), in code order; a category outside the list is kept. */
export async function reviewOptions(db: Db): Promise<{categories: string[]}> {
  return {categories: (await rows(db, "SELECT DISTINCT category FROM review WHERE category IS NOT NULL ORDER BY category")).map((r) => String(r.category))};
}
