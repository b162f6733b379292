/**
 * Every metric for every year, computed with the same definitions as the plan targets, plus
 * the breakdowns the annual report writes out (publicity by level, activities by theme...).
 * Small enough to ship as JSON; the overview and report pages read it.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {METRICS} from "../codes/index.ts";
import {computeMetricByPeriod, isComputable, type MetricValue} from "../metrics/compute.ts";
import {codeName} from "./names.ts";

export interface AnnualFigures {
  years: number[];
  metrics: Record<string, Record<string, MetricValue>>;
  breakdowns: Record<string, Record<string, {label: string; n: number; extra?: number}[]>>;
}

async function all(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

const BREAKDOWNS: Record<string, string> = {
  publicity_levels: `SELECT year(date) AS year, ${codeName("publicity_level", "level")} AS label, count(*) AS n FROM publicity WHERE kind = 'item' GROUP BY ALL`,
  activity_themes: `SELECT year(date) AS year, ${codeName("activity_theme", "theme")} AS label, count(*) AS n, coalesce(sum(participants), 0) AS extra FROM publicity WHERE kind = 'activity' GROUP BY ALL`,
  training_types: `SELECT year(date) AS year, ${codeName("training_type", "type")} AS label, count(*) AS n, coalesce(sum(participants), 0) AS extra FROM training GROUP BY ALL`,
  review_categories: `SELECT year(received_on) AS year, ${codeName("review_category", "category")} AS label, count(*) AS n FROM review GROUP BY ALL`,
  procedures: `SELECT year(filed_on) AS year, ${codeName("procedure_type", "procedure")} AS label, count(*) AS n FROM cases GROUP BY ALL`,
  hotline_channels: `SELECT year(received_at) AS year, ${codeName("hotline_source", "channel")} AS label, count(*) AS n FROM hotline GROUP BY ALL`,
  platform_majors: `SELECT year(reported_at) AS year, ${codeName("category", "category_major")} AS label, count(*) AS n FROM platform GROUP BY ALL`
};

export async function buildAnnual(con: DuckDBConnection): Promise<AnnualFigures> {
  const yearRows = await all(con, `SELECT DISTINCT y FROM (
    SELECT year(reported_at) AS y FROM platform UNION SELECT year(issued_on) FROM documents UNION SELECT year(filed_on) FROM cases
    UNION SELECT year(received_on) FROM review UNION SELECT year(received_at) FROM hotline UNION SELECT year(date) FROM publicity UNION SELECT year(date) FROM training)
    WHERE y IS NOT NULL ORDER BY y`);
  const years = yearRows.map((r) => Number(r.y));
  const metrics: AnnualFigures["metrics"] = Object.fromEntries(years.map((year) => [year, {}]));
  if (years.length > 0) {
    const span = {from: `${years[0]}-01-01`, to: `${years.at(-1)}-12-31`};
    for (const m of METRICS) {
      if (!isComputable(m.id)) continue;
      const byYear = await computeMetricByPeriod(con, m.id, span, "year", years.map(String));
      for (const year of years) metrics[year][m.id] = byYear.get(String(year))!;
    }
  }
  const breakdowns: AnnualFigures["breakdowns"] = {};
  for (const [name, sql] of Object.entries(BREAKDOWNS)) {
    breakdowns[name] = {};
    for (const row of await all(con, sql)) {
      const year = String(row.year);
      (breakdowns[name][year] ??= []).push({label: String(row.label), n: Number(row.n), ...(row.extra != null ? {extra: Number(row.extra)} : {})});
    }
    // ties in a fixed order: the page and the CLI compute these apart and must write the same sentences
    for (const list of Object.values(breakdowns[name])) list.sort((a, b) => b.n - a.n || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }
  return {years, metrics, breakdowns};
}
