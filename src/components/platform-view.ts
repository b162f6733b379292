/**
 * Everything the 数字城管案件 page shows for one filter state, from the queries of platform-data.ts: the page draws it,
 * and the build computes it for the default views (every year, no other filter) with native DuckDB
 * (src/data/platform-views.json.ts), so one definition serves both.
 */
import * as q from "./platform-data.js";
import type {Db, Prerendered, Row} from "./query.js";
import type {Filters} from "./filters.js";
import type {DurationBand} from "./buckets.js";

export interface PlatformOptions {
  years: number[];
  /** Months with a case-list file ("YYYY-MM", oldest first), from the build's `case_months` table. */
  caseMonths: string[];
  streets: string[];
  majors: string[];
  sources: string[];
}

export interface PlatformView {
  totals: {current: Row; previous: Row | null};
  breakdowns: Record<"major" | "minor" | "source" | "street" | "community" | "department", Row[]>;
  durations: DurationBand[];
  weekdayHour: {weekday: number; hour: number; n: number}[];
  monthly: Row[];
}

export type PlatformPrerendered = Prerendered<PlatformOptions, PlatformView>;

/** The choices of the page's filters, most reported first, and the months of the case list (build time only). */
export async function platformOptions(db: Db): Promise<PlatformOptions> {
  const [years, streets, majors, sources, months] = await Promise.all([
    q.years(db), q.distinct(db, "street"), q.distinct(db, "major"), q.distinct(db, "source"), db.query("SELECT month FROM case_months ORDER BY month")
  ]);
  return {years, caseMonths: months.map((m) => String(m.month)), streets, majors, sources};
}

/** The page's figures for `filters` ({year, street, major, source}; null = all). */
export async function platformView(db: Db, filters: Filters): Promise<PlatformView> {
  const [totals, cube, community, department, durations, weekdayHour, monthly] = await Promise.all([
    q.totals(db, filters),
    q.breakdowns(db, filters, ["major", "minor", "source", "street"]),
    q.breakdowns(db, filters, ["community"], "community"),
    q.breakdowns(db, filters, ["department"], "department"),
    q.durations(db, filters),
    q.weekdayHour(db, filters),
    q.monthly(db, filters)
  ]);
  return {
    totals,
    breakdowns: {major: cube.major, minor: cube.minor, source: cube.source, street: cube.street, community: community.community, department: department.department},
    durations,
    weekdayHour,
    monthly
  };
}

/** The filter states the build computes: every year and all years together, with no other filter. */
export function platformDefaultViews(options: PlatformOptions): Filters[] {
  return [null, ...options.years].map((year) => ({year, street: null, major: null, source: null}));
}

/** What the overview (总览) shows of the platform for a year: the monthly reports of it and the year before, the top 10 事件 小类. */
export interface OverviewView {
  monthly: Row[];
  topMinor: {label: string; n: number}[];
}

export async function overviewView(db: Db, filters: Filters): Promise<OverviewView> {
  const year = Number(filters.year);
  const [monthly, topMinor] = await Promise.all([q.monthly(db, {year}), q.topMinors(db, year, "事件")]);
  return {monthly, topMinor};
}

/** The overview's views: every year. */
export function overviewDefaultViews(options: {years: number[]}): Filters[] {
  return options.years.map((year) => ({year}));
}
