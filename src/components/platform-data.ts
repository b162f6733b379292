/**
 * Every query of the platform-cases page, over the cubes of loaders/publish/platform.ts.
 * A filter change costs few round trips to the DuckDB worker: the breakdowns of one cube go
 * in one UNION ALL, and this year's totals come with last year's.
 */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";
import {INDICATORS, withRates} from "./platform-indicators.js";
export {INDICATORS, withRates};
import {where, type Dimension, type Filters} from "./filters.js";
export {quantileFromBuckets} from "./buckets.js";
import type {DurationBand} from "./buckets.js";

export const PLATFORM_DIMENSIONS: Dimension[] = [
  {key: "year", column: "yr"},
  {key: "street", column: "street"},
  {key: "major", column: "major"},
  {key: "source", column: "source"}
];
/** The monthly cube has the month (integer YYYYMM) instead of the year. */
const MONTHLY_DIMENSIONS: Dimension[] = [{key: "year", column: "ym", kind: "ym"}, ...PLATFORM_DIMENSIONS.slice(1)];

const FLAGS = [...new Set(INDICATORS.flatMap((i) => [i.numerator, i.denominator]))];
/** The flags each cube carries (loaders/publish/platform.ts); the community cube only those of closing. */
const TABLE_FLAGS: Record<string, readonly string[]> = {cube: FLAGS, department: FLAGS, community: ["registered", "close_due", "closed", "closed_on_time"]};
/**
 * Sums of counts as DOUBLE (a sum of integers is a HUGEINT, which reaches JavaScript as a decimal). Cast after the
 * sum, once a group: casting each row first made the platform page's breakdowns some 30 % slower in DuckDB-WASM
 * (12,800 rows, 7.0 ms against 10.3, measured 2026-12-02).
 */
const total = (column: string) => `sum(${column})::DOUBLE AS ${column}`;
const sums = (table: string) => ["reports", ...TABLE_FLAGS[table]].map(total).join(", ");

/** "2024-03" for 202403. */
const MONTH = "printf('%d-%02d', ym // 100, ym % 100)";
const MONTHLY_FLAGS = ["registered", "close_due", "closed", "closed_on_time"];

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT yr FROM cube ORDER BY yr")).map((d) => d.yr);
}

export async function distinct(db: Db, column: string, table = "cube"): Promise<string[]> {
  return (await rows(db, `SELECT ${column} AS v, sum(reports) AS n FROM ${table} GROUP BY 1 ORDER BY n DESC, v`)).map((d) => d.v);
}

/** Totals for the filters, and for the same filters a year earlier when a year is chosen. */
export async function totals(db: Db, filters: Filters): Promise<{current: Row; previous: Row | null}> {
  if (filters.year == null) {
    const w = where(filters, PLATFORM_DIMENSIONS);
    return {current: withRates((await rows(db, `SELECT ${sums("cube")} FROM cube ${w.sql}`, w.params))[0] ?? {}), previous: null};
  }
  const year = Number(filters.year);
  const w = where({...filters, year: null}, PLATFORM_DIMENSIONS);
  const span = `${w.sql ? `${w.sql} AND` : "WHERE"} yr IN (?, ?)`;
  const list = await rows(db, `SELECT yr, ${sums("cube")} FROM cube ${span} GROUP BY yr`, [...w.params, year - 1, year]);
  const of = (y: number) => withRates(list.find((d) => d.yr === y) ?? {});
  return {current: of(year), previous: list.some((d) => d.yr === year - 1) ? of(year - 1) : null};
}

/**
 * Flag sums and rates by each of `columns` of one cube, in one round trip. A breakdown by a
 * filter dimension leaves out that dimension's filter (cross-filtering).
 */
export async function breakdowns(db: Db, filters: Filters, columns: string[], table = "cube"): Promise<Record<string, Row[]>> {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const column of columns) {
    const w = where(filters, PLATFORM_DIMENSIONS, {omit: [column]});
    parts.push(`(SELECT '${column}' AS dimension, ${column} AS label, ${sums(table)} FROM ${table} ${w.sql} GROUP BY ${column})`);
    params.push(...w.params);
  }
  const list = await rows(db, `${parts.join(" UNION ALL ")} ORDER BY dimension, reports DESC, label`, params);
  const out: Record<string, Row[]> = Object.fromEntries(columns.map((c) => [c, []]));
  for (const row of list) out[row.dimension].push(withRates(row));
  return out;
}

export async function monthly(db: Db, filters: Filters): Promise<Row[]> {
  // The selected year and the one before it, for the same-month comparison.
  const year = filters.year == null ? null : Number(filters.year);
  const w = where({...filters, year: null}, MONTHLY_DIMENSIONS);
  const span = year == null ? "" : `${w.sql ? " AND" : "WHERE"} ym BETWEEN ${(year - 1) * 100 + 1} AND ${year * 100 + 12}`;
  const columns = ["reports", ...MONTHLY_FLAGS].map(total).join(", ");
  return rows(db, `SELECT ${MONTH} AS month, ${columns} FROM monthly ${w.sql}${span} GROUP BY ym ORDER BY ym`, w.params);
}

/** The most reported 小类 of one problem type (事件 or 部件) in a year. */
export async function topMinors(db: Db, year: number, problemType: string, limit = 10): Promise<{label: string; n: number}[]> {
  return (await rows(
    db,
    `SELECT minor AS label, sum(reports)::DOUBLE AS n FROM cube WHERE yr = ? AND problem_type = ? GROUP BY 1 ORDER BY n DESC, label LIMIT ${Math.trunc(limit)}`,
    [year, problemType]
  )) as {label: string; n: number}[];
}

export async function weekdayHour(db: Db, filters: Filters): Promise<{weekday: number; hour: number; n: number}[]> {
  const w = where(filters, PLATFORM_DIMENSIONS);
  return (await rows(db, `SELECT weekday, hour, ${total("n")} FROM weekday_hour ${w.sql} GROUP BY ALL ORDER BY ALL`, w.params)) as {weekday: number; hour: number; n: number}[];
}

export async function durations(db: Db, filters: Filters): Promise<DurationBand[]> {
  const w = where(filters, PLATFORM_DIMENSIONS);
  return (await rows(db, `SELECT bucket, width, ${total("n")} FROM duration ${w.sql} GROUP BY bucket, width ORDER BY bucket`, w.params)) as DurationBand[];
}

/** The case list's files are months: the year is applied by choosing them. */
const CASE_DIMENSIONS: Dimension[] = PLATFORM_DIMENSIONS.filter((d) => d.key !== "year");

/** The months of the case list a drill-down needs: the chosen year's, or every month; newest first. */
export function caseMonthsFor(months: readonly string[], year: number | string | null): string[] {
  return months.filter((m) => year == null || m.startsWith(`${year}-`)).reverse();
}

/**
 * The newest `limit` cases behind the filters, from the monthly case-list files (loaders/publish/case-months.ts):
 * `load(month)` registers a month's table and returns its name. A chosen year's months are all loaded; without a
 * year, months are loaded newest first until `limit` cases match, so a drill-down fetches what it shows. The total
 * under the filters is the cube's report count (the same cases), which the page has.
 */
export async function caseList(db: Db, filters: Filters, months: readonly string[], load: (month: string) => Promise<string>, limit = 2000): Promise<Row[]> {
  const w = where(filters, CASE_DIMENSIONS);
  const wanted = caseMonthsFor(months, filters.year ?? null);
  const tables: string[] = [];
  if (filters.year != null) tables.push(...(await Promise.all(wanted.map(load))));
  else {
    let found = 0;
    for (const month of wanted) {
      const table = await load(month);
      tables.push(table);
      found += (await rows(db, `SELECT count(*)::DOUBLE AS n FROM ${table} ${w.sql}`, w.params))[0].n;
      if (found >= limit) break;
    }
  }
  if (tables.length === 0) return [];
  const cases = tables.map((t) => `SELECT * FROM ${t}`).join(" UNION ALL ");
  return rows(db, `SELECT printf('%08x', CAST(case_key AS BIGINT) + 2147483648) AS case_key,
      strftime(make_timestamp(CAST(reported_minute AS BIGINT) * 60000000), '%Y-%m-%d %H:%M') AS reported_at,
      street, community, major, minor, source, department, status, handling_tenths / 10 AS handling_hours, rework_count, extension_count
    FROM (${cases}) ${w.sql} ORDER BY reported_minute DESC, case_key LIMIT ${Math.trunc(limit)}`, w.params);
}
