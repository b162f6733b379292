/**
 * Every query of the 案件热点 page, over the tables of loaders/publish/hotspot.ts: `cells` (cases by H3 cell, month
 * index m = months since 2000-01 and the platform page's filter dimensions), `grids` (cases by 单元网格 code) and, once
 * a cell is chosen, `cases` (the anonymized case list with each case's cell).
 */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";
import {where, type Dimension, type Filters} from "./filters.js";

const DIMENSIONS: Dimension[] = [
  {key: "street", column: "street"},
  {key: "major", column: "major"},
  {key: "source", column: "source"}
];

/** The URL parameters of the filters 案件热点 shares with 数字城管案件: a link between the two carries them. */
export const SHARED_FILTERS = ["year", ...DIMENSIONS.map((d) => d.key)];

/** Month index (months since 2000-01) of "YYYY-MM", and back. */
export const monthIndex = (key: string): number => (Number(key.slice(0, 4)) - 2000) * 12 + Number(key.slice(5, 7)) - 1;
export const monthKey = (m: number): string => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;

/** The WHERE clause of the filters on `cells`: the year as a span of month indexes, the cell when one is chosen. */
function cellWhere(filters: Filters, {withYear = true, withCell = true} = {}) {
  const w = where(filters, DIMENSIONS);
  const add = (clause: string, ...params: unknown[]) => {
    w.sql = `${w.sql ? `${w.sql} AND` : "WHERE"} ${clause}`;
    w.params.push(...params);
  };
  if (withYear && filters.year != null) add("m BETWEEN ? AND ?", (Number(filters.year) - 2000) * 12, (Number(filters.year) - 2000) * 12 + 11);
  if (withCell && filters.cell != null) add("cell = ?", filters.cell);
  return w;
}

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT 2000 + m // 12 AS yr FROM cells ORDER BY yr")).map((d) => Number(d.yr));
}

export async function distinct(db: Db, column: "street" | "major" | "source"): Promise<string[]> {
  return (await rows(db, `SELECT ${column} AS v, sum(n) AS total FROM cells GROUP BY 1 ORDER BY total DESC, v`)).map((d) => d.v);
}

/** Months that have placed cases ("YYYY-MM"), oldest first. */
export async function months(db: Db): Promise<string[]> {
  return (await rows(db, "SELECT DISTINCT m FROM cells ORDER BY m")).map((d) => monthKey(Number(d.m)));
}

/** Cases per cell under the filters (the chosen cell does not narrow the map: the map shows where it lies). */
export async function cellCounts(db: Db, filters: Filters): Promise<{cell: string; n: number}[]> {
  const w = cellWhere(filters, {withCell: false});
  return (await rows(db, `SELECT cell, sum(n)::DOUBLE AS n FROM cells ${w.sql} GROUP BY cell ORDER BY n DESC, cell`, w.params)) as {cell: string; n: number}[];
}

/** Cases per month under the filters (and the chosen cell), every year: the page compares months across years. */
export async function monthly(db: Db, filters: Filters): Promise<{month: string; n: number}[]> {
  const w = cellWhere(filters, {withYear: false});
  const list = await rows(db, `SELECT m, sum(n)::DOUBLE AS n FROM cells ${w.sql} GROUP BY m ORDER BY m`, w.params);
  return list.map((d) => ({month: monthKey(Number(d.m)), n: d.n}));
}

/** Cases per cell in month `before` and month `after` ("YYYY-MM") under the street, category and source filters. */
export async function compare(db: Db, filters: Filters, before: string, after: string): Promise<{cell: string; before: number; after: number; change: number}[]> {
  const w = cellWhere(filters, {withYear: false, withCell: false});
  const a = monthIndex(before);
  const b = monthIndex(after);
  const span = `${w.sql ? `${w.sql} AND` : "WHERE"} m IN (?, ?)`;
  return (await rows(
    db,
    `SELECT cell, coalesce(sum(n) FILTER (m = ?), 0)::DOUBLE AS before, coalesce(sum(n) FILTER (m = ?), 0)::DOUBLE AS after,
       (coalesce(sum(n) FILTER (m = ?), 0) - coalesce(sum(n) FILTER (m = ?), 0))::DOUBLE AS change
     FROM cells ${span} GROUP BY cell ORDER BY change DESC, cell`,
    [a, b, b, a, ...w.params, a, b]
  )) as {cell: string; before: number; after: number; change: number}[];
}

/** The 单元网格 codes with most cases under the filters, with street and community. */
export async function topGrids(db: Db, filters: Filters, limit = 20): Promise<Row[]> {
  const w = where(filters, [{key: "year", column: "yr"}, ...DIMENSIONS]);
  return rows(
    db,
    `SELECT grid, arg_max(street, n) AS street, arg_max(community, n) AS community, sum(n)::DOUBLE AS n FROM grids ${w.sql}
     GROUP BY grid ORDER BY n DESC, grid LIMIT ${Math.trunc(limit)}`,
    w.params
  );
}

/**
 * The anonymized cases of one cell under the filters, newest first (at most `limit`), and how many there are.
 * `table` holds the case list of the cell's part (the page adds it when a cell is chosen: {@link caseTable}).
 */
export async function cellCases(db: Db, filters: Filters, table: string, limit = 1000): Promise<{rows: Row[]; total: number}> {
  const w = where(filters, DIMENSIONS);
  const add = (clause: string, ...params: unknown[]) => {
    w.sql = `${w.sql ? `${w.sql} AND` : "WHERE"} ${clause}`;
    w.params.push(...params);
  };
  add("cell = ?", filters.cell);
  if (filters.year != null) add("reported_minute >= ? AND reported_minute < ?", Date.UTC(Number(filters.year), 0, 1) / 60000, Date.UTC(Number(filters.year) + 1, 0, 1) / 60000);
  const [{total}] = await rows(db, `SELECT count(*)::DOUBLE AS total FROM ${table} ${w.sql}`, w.params);
  const list = await rows(
    db,
    `SELECT printf('%08x', CAST(case_key AS BIGINT) + 2147483648) AS case_key,
       strftime(make_timestamp(CAST(reported_minute AS BIGINT) * 60000000), '%Y-%m-%d %H:%M') AS reported_at,
       street, community, grid, major, minor, source, status
     FROM ${table} ${w.sql} ORDER BY reported_minute DESC, case_key LIMIT ${Math.trunc(limit)}`,
    w.params
  );
  return {rows: list, total};
}

/**
 * Where the case list of a part is published and the table it is loaded into. A part is the chosen cell's H3 parent at
 * meta.json's `casePartResolution`, so that a click fetches the cases of some dozens of cells, not of the whole
 * district (loaders/publish/hotspot.ts `CASE_PART_LEVELS`). The path is the loaders' `hotspotCasePartPath`, checked
 * by test/unit/hotspot-parts.test.ts.
 *
 * @throws when `part` is not an H3 cell id (it becomes a table name)
 */
export function caseTable(part: string): {path: string; table: string} {
  if (!/^[0-9a-f]{15}$/.test(part)) throw new Error(`不是 H3 单元编号：${part}`);
  return {path: `/data/hotspot/cases/${part}.arrow`, table: `cases_${part}`};
}

/** The page's filter choices. */
export async function hotspotOptions(db: Db): Promise<{years: number[]; months: string[]; streets: string[]; majors: string[]; sources: string[]}> {
  const [yearList, monthList, streets, majors, sources] = await Promise.all([years(db), months(db), distinct(db, "street"), distinct(db, "major"), distinct(db, "source")]);
  return {years: yearList, months: monthList, streets, majors, sources};
}

/** The map, the top 单元网格 codes and the monthly series for `filters` ({year, street, major, source, cell}). */
export async function hotspotView(db: Db, filters: Filters) {
  const [counts, grids, trend] = await Promise.all([cellCounts(db, filters), topGrids(db, filters, 15), monthly(db, filters)]);
  return {counts, grids, trend};
}

/** The filters of the month comparison: street, category and source, and the two months. */
export const changeFilters = (filters: Filters, before: string | null, after: string | null): Filters => ({street: filters.street ?? null, major: filters.major ?? null, source: filters.source ?? null, before, after});

/**
 * The build's views: every year and all years, with no other filter; and the comparison of the last two months,
 * which the page opens on.
 */
export function hotspotDefaultViews(options: {years: number[]; months: string[]}): Filters[] {
  const none = {street: null, major: null, source: null};
  return [
    ...[null, ...options.years].map((year) => ({year, ...none, cell: null})),
    ...(options.months.length >= 2 ? [changeFilters(none, options.months.at(-2)!, options.months.at(-1)!)] : [])
  ];
}

/** A prerendered view or comparison, by its filters. */
export async function hotspotPrerenderedView(db: Db, filters: Filters) {
  return filters.before != null && filters.after != null ? compare(db, filters, String(filters.before), String(filters.after)) : hotspotView(db, filters);
}

/** A cell as the map's settings list it (loaders/publish/hotspot.ts `hotspotMeta`): where most of its cases lie. */
export interface CellPlace {
  cell: string;
  street: string;
  community: string;
  /** The 单元网格 code most of its cases carry, null when none has one. */
  grid?: string | null;
}

/**
 * A name for each cell that tells it from every other: its main street and community; for cells that share those,
 * also its main 单元网格 code; for cells that still share a name, the H3 id. Readers choose cells by these names in the 单元 select and read them in tooltips and titles; named by street
 * and community alone, a community's dozen cells were indistinguishable (an audit, 2026-12-03).
 */
export function cellNames(cells: readonly CellPlace[]): Map<string, string> {
  const counted = (names: string[]) => names.reduce((m, name) => m.set(name, (m.get(name) ?? 0) + 1), new Map<string, number>());
  let names = cells.map((c) => `${c.street} · ${c.community}`);
  const shared = counted(names);
  names = names.map((name, i) => (shared.get(name)! > 1 && cells[i].grid ? `${name} · 网格 ${cells[i].grid}` : name));
  const still = counted(names);
  return new Map(cells.map((c, i) => [c.cell, still.get(names[i])! > 1 ? `${names[i]} · ${c.cell}` : names[i]]));
}
