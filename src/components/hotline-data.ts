/** Every query of the hotline page, over the `hotline` table. */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";
import {flagCounts, rateFlags, withFlagRates, type FlagRate} from "./flag-rates.js";
import {where, type Dimension, type Filters} from "./filters.js";

export const HOTLINE_DIMENSIONS: Dimension[] = [
  {key: "year", column: "month", kind: "year"},
  {key: "channel", column: "channel"},
  {key: "topic", column: "topic"},
  {key: "street", column: "street"}
];

/**
 * The hotline's rates, over the per-row flags that `hotline` ships (RATES of loaders/metrics/flags.ts). Short keys,
 * as the page's tables and charts name them; `result_unmapped` and `satisfaction_unmapped` count the denominator's
 * rows whose 办理结果 or 满意度 no code list knows.
 */
export const HOTLINE_RATES: readonly FlagRate[] = [
  {key: "completion_rate", metric: "hotline_completion_rate", numerator: "completed", denominator: "received"},
  {key: "resolution_rate", metric: "hotline_resolution_rate", numerator: "resolved", denominator: "completed", unmapped: "result_unmapped"},
  {key: "satisfaction_rate", metric: "hotline_satisfaction_rate", numerator: "satisfied", denominator: "rated", unmapped: "satisfaction_unmapped"}
];

const MEASURES = `count(*)::DOUBLE AS orders,
  ${flagCounts(rateFlags(HOTLINE_RATES))},
  median(response_minutes)::DOUBLE / 60 AS response_median,
  quantile_cont(response_minutes, 0.9)::DOUBLE / 60 AS response_p90,
  median(close_minutes)::DOUBLE / 60 AS close_median`;

/** Adds the rates of {@link HOTLINE_RATES} to a row of flag counts. */
export function withRates(row: Row): Row {
  return withFlagRates(row, HOTLINE_RATES);
}

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT CAST(left(month, 4) AS INTEGER) AS year FROM hotline ORDER BY 1")).map((d) => d.year);
}

export async function options(db: Db, column: string): Promise<string[]> {
  return (await rows(db, `SELECT ${column} AS v, count(*) AS n FROM hotline WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v`)).map((d) => d.v);
}

export async function totals(db: Db, filters: Filters, shiftYears = 0): Promise<Row> {
  const w = where(filters, HOTLINE_DIMENSIONS, {shiftYears});
  return withRates((await rows(db, `SELECT ${MEASURES} FROM hotline ${w.sql}`, w.params))[0] ?? {});
}

/** Totals by `column`, under every filter but the one on that column (so that its bars stay clickable). */
export async function breakdown(db: Db, filters: Filters, column: string): Promise<Row[]> {
  const w = where(filters, HOTLINE_DIMENSIONS, {omit: [column]});
  return (await rows(db, `SELECT coalesce(${column}, '（未填）') AS label, ${MEASURES} FROM hotline ${w.sql} GROUP BY 1 ORDER BY orders DESC, label`, w.params)).map(withRates);
}

export async function monthly(db: Db, filters: Filters): Promise<Row[]> {
  const w = where({...filters, year: null}, HOTLINE_DIMENSIONS);
  return (await rows(db, `SELECT month, channel AS series, ${MEASURES} FROM hotline ${w.sql} GROUP BY ALL ORDER BY month`, w.params)).map(withRates);
}

export async function satisfactionMix(db: Db, filters: Filters): Promise<Row[]> {
  const w = where(filters, HOTLINE_DIMENSIONS);
  return rows(db, `SELECT coalesce(satisfaction, '未评价') AS label, count(*)::DOUBLE AS n FROM hotline ${w.sql} GROUP BY 1 ORDER BY n DESC, label`, w.params);
}

/** The page's filter choices, most orders first. */
export async function hotlineOptions(db: Db): Promise<{years: number[]; channels: string[]; topics: string[]; streets: string[]}> {
  const [yearList, channels, topics, streets] = await Promise.all([years(db), options(db, "channel"), options(db, "topic"), options(db, "street")]);
  return {years: yearList, channels, topics, streets};
}

/** Everything the page shows for `filters` ({year, channel, topic, street}). */
export async function hotlineView(db: Db, filters: Filters) {
  const [now, before, byChannel, byTopic, byStreet, mix, allMonths] = await Promise.all([
    totals(db, filters),
    filters.year == null ? Promise.resolve(null) : totals(db, filters, -1),
    breakdown(db, filters, "channel"),
    breakdown(db, filters, "topic"),
    breakdown(db, filters, "street"),
    satisfactionMix(db, filters),
    monthly(db, filters)
  ]);
  return {now, before, byChannel, byTopic, byStreet, mix, allMonths};
}

/** Every year and all years, with no other filter. */
export function hotlineDefaultViews(options: {years: number[]}): Filters[] {
  return [null, ...options.years].map((year) => ({year, channel: null, topic: null, street: null}));
}
