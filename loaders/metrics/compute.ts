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


type Query = {kind: "rate" | "count" | "quantile"; sql: (range: string) => string};

function within(column: string): (p: Period) => string {
  return (p) => `CAST(${column} AS DATE) BETWEEN DATE '${p.from}' AND DATE '${p.to}'`;
}

function rate(id: string): Query {
  const r = RATES[id];
  const unmapped = r.unmapped ? `, count(*) FILTER (WHERE ${flagSql(r.source, r.unmapped)}) AS unmapped` : "";
  return {
    kind: "rate",
    sql: (range) =>
      `SELECT count(*) FILTER (WHERE ${flagSql(r.source, r.numerator)}) AS numerator, count(*) FILTER (WHERE ${flagSql(r.source, r.denominator)}) AS denominator${unmapped}
       FROM ${r.source} WHERE ${range.replace("$date", r.date)}`
  };
}

function count(table: string, dateColumn: string, where = "TRUE", expression = "count(*)"): Query {
  return {kind: "count", sql: (range) => `SELECT ${expression} AS numerator, NULL AS denominator FROM ${table} WHERE ${range.replace("$date", dateColumn)} AND ${where}`};
}

function quantile(q: number): Query {
  return {kind: "quantile", sql: (range) => `SELECT quantile_cont(h, ${q}) AS numerator, count(h) AS denominator FROM (SELECT ${HANDLING_HOURS} AS h FROM platform WHERE ${range.replace("$date", "reported_at")}) WHERE h IS NOT NULL`};
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

export function metricSql(id: string, period: Period): string {
  const query = QUERIES[id];
  if (!query) throw new Error(`no computation for metric ${id}`);
  return query.sql(within("$date")(period));
}

export async function computeMetric(con: DuckDBConnection, id: string, period: Period): Promise<MetricValue> {
  const query = QUERIES[id];
  if (!query) throw new Error(`no computation for metric ${id}`);
  const reader = await con.runAndReadAll(metricSql(id, period));
  const [row] = reader.getRowObjectsJS() as {numerator: number | bigint | null; denominator: number | bigint | null; unmapped?: number | bigint}[];
  const numerator = row?.numerator == null ? null : Number(row.numerator);
  const denominator = row?.denominator == null ? null : Number(row.denominator);
  const value = query.kind === "rate" ? (denominator ? numerator! / denominator : null) : query.kind === "quantile" ? (denominator ? numerator : null) : numerator ?? 0;
  const result: MetricValue = {id, value, numerator, denominator: query.kind === "count" ? null : denominator};
  if (row?.unmapped !== undefined) result.unmapped = Number(row.unmapped);
  return result;
}
