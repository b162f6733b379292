/** Every query of the publicity-and-training page, over the `publicity` and `training` tables. */
import type {Db} from "./query.js";
import {rows, type Row} from "./query.js";

/** What an item without a media level is counted under. */
export const NO_LEVEL = "（未填级别）";
const LEVEL = `coalesce(level, '${NO_LEVEL}')`;

const yearFilter = "(? IS NULL OR year = ?)";

/**
 * Counts by level: the code list's levels first, in its order (the bureau's), each even when zero; then any other
 * level found (such as items without one), the larger first, so that nothing counted is left out of the total.
 */
export function inLevelOrder(counts: ReadonlyMap<string, number>, order: readonly string[]): {level: string; n: number}[] {
  const known = order.map((level) => ({level, n: counts.get(level) ?? 0}));
  const others = [...counts].filter(([level]) => !order.includes(level)).sort((a, b) => b[1] - a[1]);
  return [...known, ...others.map(([level, n]) => ({level, n}))];
}

export async function years(db: Db): Promise<number[]> {
  return (await rows(db, "SELECT DISTINCT year FROM publicity UNION SELECT DISTINCT year FROM training ORDER BY 1")).map((d) => d.year);
}

/** Items by level, in the order of `order` (the publicity_level code list's names, from meta.json). */
export async function itemsByLevel(db: Db, year: number | null, order: readonly string[]): Promise<{level: string; n: number}[]> {
  const counts = new Map((await rows(db, `SELECT ${LEVEL} AS level, count(*)::DOUBLE AS n FROM publicity WHERE kind_code = 'item' AND ${yearFilter} GROUP BY 1`, [year, year])).map((d) => [d.level, d.n]));
  return inLevelOrder(counts, order);
}

export async function itemsByMonth(db: Db, year: number | null): Promise<Row[]> {
  return rows(db, `SELECT month AS x, ${LEVEL} AS "group", count(*)::DOUBLE AS n FROM publicity WHERE kind_code = 'item' AND ${yearFilter} GROUP BY ALL ORDER BY 1, 2`, [year, year]);
}

export async function itemsByMedia(db: Db, year: number | null): Promise<Row[]> {
  return rows(db, `SELECT coalesce(media, '（未填）') AS label, ${LEVEL} AS level, count(*)::DOUBLE AS n FROM publicity WHERE kind_code = 'item' AND ${yearFilter} GROUP BY ALL ORDER BY n DESC, label, level`, [year, year]);
}

export async function activities(db: Db, year: number | null): Promise<Row[]> {
  return rows(db, `SELECT date, title, theme, participants FROM publicity WHERE kind_code = 'activity' AND ${yearFilter} ORDER BY date`, [year, year]);
}

export async function activitiesByTheme(db: Db, year: number | null): Promise<Row[]> {
  return rows(db, `SELECT coalesce(theme, '其他') AS label, count(*)::DOUBLE AS n, coalesce(sum(participants), 0)::DOUBLE AS participants FROM publicity WHERE kind_code = 'activity' AND ${yearFilter} GROUP BY 1 ORDER BY n DESC, label`, [year, year]);
}

export async function trainings(db: Db, year: number | null): Promise<Row[]> {
  return rows(db, `SELECT date, topic, type, participants, hours FROM training WHERE ${yearFilter} ORDER BY date`, [year, year]);
}

export async function trainingByYear(db: Db): Promise<Row[]> {
  return rows(db, `SELECT CAST(year AS VARCHAR) AS x, type AS "group", count(*)::DOUBLE AS n, sum(participants)::DOUBLE AS participants FROM training GROUP BY ALL ORDER BY 1, 2`);
}

export async function publicityByYear(db: Db): Promise<Row[]> {
  return rows(db, `SELECT CAST(year AS VARCHAR) AS x, ${LEVEL} AS "group", count(*)::DOUBLE AS n FROM publicity WHERE kind_code = 'item' GROUP BY ALL ORDER BY 1, 2`);
}

/** The page's year-independent figures and its filter's choices. */
export interface PublicityOptions {
  years: number[];
  publicityYears: Row[];
  trainingYears: Row[];
}

export async function publicityOptions(db: Db): Promise<PublicityOptions> {
  const [list, publicityYears, trainingYears] = await Promise.all([years(db), publicityByYear(db), trainingByYear(db)]);
  return {years: list, publicityYears, trainingYears};
}

/** Everything the page shows for a year (null = all years); `levelOrder` is the publicity_level code list's names. */
export async function publicityView(db: Db, year: number | null, levelOrder: readonly string[]) {
  const [levels, activityList, themes, sessions, byMonth, byMedia] = await Promise.all([
    itemsByLevel(db, year, levelOrder), activities(db, year), activitiesByTheme(db, year), trainings(db, year), itemsByMonth(db, year), itemsByMedia(db, year)
  ]);
  return {levels, activities: activityList, themes, sessions, byMonth, byMedia};
}

/** Every year and all years together: the page never waits for the engine. */
export function publicityDefaultViews(options: PublicityOptions): {year: number | null}[] {
  return [null, ...options.years].map((year) => ({year}));
}
