/** Every query of the hotline page, over the `hotline` table. */
import type {Db} from "./query.js";
import {ratio, rows, type Row} from "./query.js";
import {where, type Dimension, type Filters} from "./filters.js";

export const HOTLINE_DIMENSIONS: Dimension[] = [
  {key: "year", column: "month", kind: "year"},
  {key: "channel", column: "channel"},
  {key: "topic", column: "topic"},
  {key: "street", column: "street"}
];

const MEASURES = `count(*)::DOUBLE AS orders,
  count(*) FILTER (WHERE completed)::DOUBLE AS completed,
  count(*) FILTER (WHERE resolved)::DOUBLE AS resolved,
  count(*) FILTER (WHERE rated)::DOUBLE AS rated,
  count(*) FILTER (WHERE satisfied)::DOUBLE AS satisfied,
  median(response_minutes)::DOUBLE / 60 AS response_median,
  quantile_cont(response_minutes, 0.9)::DOUBLE / 60 AS response_p90,
  median(close_minutes)::DOUBLE / 60 AS close_median`;

export function withRates(row: Row): Row {
  return {
    ...row,
    completion_rate: ratio(row.completed, row.orders),
    resolution_rate: ratio(row.resolved, row.completed),
    satisfaction_rate: ratio(row.satisfied, row.rated)
  };
}

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT CAST(left(month, 4) AS INTEGER) AS year FROM hotline ORDER BY 1")).map((d) => d.year);
}

export async function options(db: Db, column: string): Promise<string[]> {
  return (await rows(db, `SELECT ${column} AS v, count(*) AS n FROM hotline WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY n DESC`)).map((d) => d.v);
}

export async function totals(db: Db, filters: Filters, shiftYears = 0): Promise<Row> {
  const w = where(filters, HOTLINE_DIMENSIONS, {shiftYears});
  return withRates((await rows(db, `SELECT ${MEASURES} FROM hotline ${w.sql}`, w.params))[0] ?? {});
}

/** Totals by `column`, under every filter but the one on that column (so that its bars stay clickable). */
export async function breakdown(db: Db, filters: Filters, column: string): Promise<Row[]> {
  const w = where(filters, HOTLINE_DIMENSIONS, {omit: [column]});
  return (await rows(db, `SELECT coalesce(${column}, '（未填）') AS label, ${MEASURES} FROM hotline ${w.sql} GROUP BY 1 ORDER BY orders DESC`, w.params)).map(withRates);
}

export async function monthly(db: Db, filters: Filters): Promise<Row[]> {
  const w = where({...filters, year: null}, HOTLINE_DIMENSIONS);
  return (await rows(db, `SELECT month, channel AS series, ${MEASURES} FROM hotline ${w.sql} GROUP BY ALL ORDER BY month`, w.params)).map(withRates);
}

export async function satisfactionMix(db: Db, filters: Filters): Promise<Row[]> {
  const w = where(filters, HOTLINE_DIMENSIONS);
  return rows(db, `SELECT coalesce(satisfaction, '未评价') AS label, count(*)::DOUBLE AS n FROM hotline ${w.sql} GROUP BY 1 ORDER BY n DESC`, w.params);
}
