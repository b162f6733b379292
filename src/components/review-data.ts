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

export async function openCases(db: Db): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, applicant, hearing_on, date_diff('day', CAST(received_on AS DATE), current_date)::INTEGER AS days_open FROM review WHERE NOT decided ORDER BY received_on`);
}

export async function allCases(db: Db, category: string | null): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, decided_on, applicant, outcome, hearing_on, head_appeared FROM review WHERE (? IS NULL OR category = ?) ORDER BY received_on DESC`, [category, category]);
}
