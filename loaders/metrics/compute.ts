/**
 * Computes the metrics of `loaders/codes/metrics.ts` over a period, from the warehouse's
 * clean tables. A rate is reported with its numerator and denominator; a count with its
 * numerator only.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {metricById} from "../codes/index.ts";
import {flagSql, RATES} from "./flags.ts";
import {HANDLING_HOURS} from "./platform.ts";

export interface Period {
  /** Inclusive, "YYYY-MM-DD". */
  from: string;
  /** Inclusive, "YYYY-MM-DD". */
  to: string;
}

export interface MetricValue {
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Rows of the denominator whose coded value no code list knows (counted as not meeting the numerator). */
  unmapped?: number;
}


/**
 * A metric's computation in parts: the aggregate expressions (`numerator`, `denominator`, and `unmapped` where the rate
 * has one) over the rows of `from` whose `date` lies in the period and that meet `where`. One form serves a single
 * period ({@link metricSql}) and periods grouped by month or year ({@link metricByPeriodSql}).
 */
type Query = {kind: "rate" | "count" | "quantile"; select: string; from: string; date: string; where?: string};

function rate(id: string): Query {
  const r = RATES[id];
  const unmapped = r.unmapped ? `, count(*) FILTER (WHERE ${flagSql(r.source, r.unmapped)}) AS unmapped` : "";
  return {
    kind: "rate",
    select: `count(*) FILTER (WHERE ${flagSql(r.source, r.numerator)}) AS numerator, count(*) FILTER (WHERE ${flagSql(r.source, r.denominator)}) AS denominator${unmapped}`,
    from: r.source,
    date: r.date
  };
}

function count(table: string, dateColumn: string, where = "TRUE", expression = "count(*)"): Query {
  return {kind: "count", select: `${expression} AS numerator, NULL AS denominator`, from: table, date: dateColumn, where};
}

function quantile(q: number): Query {
  return {kind: "quantile", select: `quantile_cont(${HANDLING_HOURS}, ${q}) AS numerator, count(${HANDLING_HOURS}) AS denominator`, from: "platform", date: "reported_at"};
}

const doc = (type: string) => count("documents", "issued_on", `doc_type = '${type}'`);

const QUERIES: Record<string, Query> = {
  ...Object.fromEntries(Object.keys(RATES).map((id) => [id, rate(id)])),
  handling_hours_median: quantile(0.5),
  handling_hours_p90: quantile(0.9),
  guidance_documents: doc("guidance"),
  rectification_orders: doc("rectification_order"),
  penalty_decisions: doc("penalty_decision"),
  enforcement_applications: doc("enforcement_application"),
  fine_total: count("cases", "filed_on", "TRUE", "coalesce(sum(fine), 0)"),
  review_cases: count("review", "received_on"),
  publicity_items: count("publicity", "date", "kind = 'item'"),
  legal_education_activities: count("publicity", "date", "kind = 'activity'"),
  training_sessions: count("training", "date"),
  training_participants: count("training", "date", "TRUE", "coalesce(sum(participants), 0)")
};

export function isComputable(id: string): boolean {
  return id in QUERIES && metricById(id) !== undefined;
}

export function computableMetricIds(): string[] {
  return Object.keys(QUERIES).filter((id) => metricById(id) !== undefined);
}

function query(id: string): Query {
  const q = QUERIES[id];
  if (!q) throw new Error(`no computation for metric ${id}`);
  return q;
}

const inPeriod = (q: Query, p: Period) => `CAST(${q.date} AS DATE) BETWEEN DATE '${p.from}' AND DATE '${p.to}' AND ${q.where ?? "TRUE"}`;

/** The SQL of metric `id` over `period`: one row of numerator, denominator (and unmapped for some rates). */
export function metricSql(id: string, period: Period): string {
  const q = query(id);
  return `SELECT ${q.select} FROM ${q.from} WHERE ${inPeriod(q, period)}`;
}

/** Calendar periods a metric is grouped by: "2024-03" for a month, "2024" for a year. */
export type Granularity = "month" | "year";
const PERIOD_KEY: Record<Granularity, string> = {month: "%Y-%m", year: "%Y"};

/** The SQL of metric `id` within `period`, a row for each month or year that has rows: `period` first, then as {@link metricSql}. */
export function metricByPeriodSql(id: string, period: Period, granularity: Granularity): string {
  const q = query(id);
  return `SELECT strftime(CAST(${q.date} AS DATE), '${PERIOD_KEY[granularity]}') AS period, ${q.select} FROM ${q.from} WHERE ${inPeriod(q, period)} GROUP BY 1`;
}

function metricValue(id: string, row: {numerator: number | bigint | null; denominator: number | bigint | null; unmapped?: number | bigint} | undefined): MetricValue {
  const kind = query(id).kind;
  const numerator = row?.numerator == null ? null : Number(row.numerator);
  const denominator = row?.denominator == null ? null : Number(row.denominator);
  const value = kind === "rate" ? (denominator ? numerator! / denominator : null) : kind === "quantile" ? (denominator ? numerator : null) : numerator ?? 0;
  const result: MetricValue = {id, value, numerator, denominator: kind === "count" ? null : denominator};
  if (row?.unmapped !== undefined) result.unmapped = Number(row.unmapped);
  return result;
}

/** Metric `id` over `period`. @throws for a metric with no computation here ({@link isComputable}) */
export async function computeMetric(con: DuckDBConnection, id: string, period: Period): Promise<MetricValue> {
  const reader = await con.runAndReadAll(metricSql(id, period));
  return metricValue(id, reader.getRowObjectsJS()[0] as Parameters<typeof metricValue>[1]);
}

/**
 * Metric `id` for each month or year in `keys` ("2024-03" or "2024"), all within `period`, in one scan, as
 * {@link computeMetric} gives it for that month or year alone (test/unit/metrics.test.ts compares them; a
 * month without rows gets what the metric gives over no rows). The monthly bulletin's 94 single-month queries took 14
 * of its 22 s at 10^7 cases (2026-12-03).
 *
 * @throws as {@link computeMetric}
 */
export async function computeMetricByPeriod(con: DuckDBConnection, id: string, period: Period, granularity: Granularity, keys: readonly string[]): Promise<Map<string, MetricValue>> {
  type Row = Parameters<typeof metricValue>[1];
  const found = new Map<string, Row>();
  for (const row of (await con.runAndReadAll(metricByPeriodSql(id, period, granularity))).getRowObjectsJS() as ({period: string} & object)[]) found.set(String(row.period), row as unknown as Row);
  let none: Row | undefined;
  const out = new Map<string, MetricValue>();
  for (const key of keys) {
    let row = found.get(key);
    if (!row) {
      const q = query(id);
      none ??= (await con.runAndReadAll(`SELECT ${q.select} FROM ${q.from} WHERE false`)).getRowObjectsJS()[0] as Row;
      row = none;
    }
    out.set(key, metricValue(id, row));
  }
  return out;
}
