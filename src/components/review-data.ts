/** Every query of the review-and-litigation page, over the `review` table. */
import type {Db} from "./query.js";
import {ratio, rows, type Row} from "./query.js";


export async function byYearAndOutcome(db: Db, category: string | null): Promise<Row[]> {
  return rows(db, `SELECT CAST(year AS VARCHAR) AS x, coalesce(outcome, '未审结') AS "group", count(*)::DOUBLE AS n FROM review WHERE (? IS NULL OR category = ?) GROUP BY ALL ORDER BY 1`, [category, category]);
}

/** 纠错率 by decision year and 负责人出庭应诉率 by hearing year, with their denominators. */
export async function rates(db: Db, category: string | null): Promise<Row[]> {
  const params = [category, category];
  const decided = await rows(db, `SELECT decided_year AS year, count(*)::DOUBLE AS decided, count(*) FILTER (WHERE corrected)::DOUBLE AS corrected FROM review WHERE decided_year IS NOT NULL AND (? IS NULL OR category = ?) GROUP BY 1`, params);
  const heard = await rows(db, `SELECT hearing_year AS year, count(*)::DOUBLE AS hearings, count(*) FILTER (WHERE appeared)::DOUBLE AS appeared FROM review WHERE heard AND (? IS NULL OR category = ?) GROUP BY 1`, params);
  const received = await rows(db, `SELECT year, count(*)::DOUBLE AS received FROM review WHERE (? IS NULL OR category = ?) GROUP BY 1`, params);
  const years = [...new Set([...decided, ...heard, ...received].map((d) => d.year))].sort();
  return years.map((year) => {
    const d = decided.find((r) => r.year === year) ?? {decided: 0, corrected: 0};
    const h = heard.find((r) => r.year === year) ?? {hearings: 0, appeared: 0};
    const r = received.find((x) => x.year === year) ?? {received: 0};
    return {year, received: r.received, decided: d.decided, corrected: d.corrected, correction_rate: ratio(d.corrected, d.decided), hearings: h.hearings, appeared: h.appeared, head_appearance_rate: ratio(h.appeared, h.hearings)};
  });
}

export async function openCases(db: Db): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, applicant, hearing_on, date_diff('day', CAST(received_on AS DATE), current_date)::INTEGER AS days_open FROM review WHERE decided_on IS NULL ORDER BY received_on`);
}

export async function allCases(db: Db, category: string | null): Promise<Row[]> {
  return rows(db, `SELECT review_no, category, received_on, decided_on, applicant, outcome, hearing_on, head_appeared FROM review WHERE (? IS NULL OR category = ?) ORDER BY received_on DESC`, [category, category]);
}
