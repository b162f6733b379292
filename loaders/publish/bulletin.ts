/**
 * What the monthly 数字城管运行情况通报 is written from: for every month, the platform's indicator flags summed over
 * the whole district, by street and by department (PLATFORM_FLAGS, the same sums as the 数字城管案件 page's cubes),
 * the most reported 小类 of each problem type (counted as the pages count 上报数), and the hotline's volume, 办结率 and 满意率 (the metric definitions of
 * loaders/metrics/compute.ts). Aggregates only: no case, no name, no id. A month is the month of 上报时间 (受理时间 for
 * the hotline), as on the pages.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {computeMetricByPeriod} from "../metrics/compute.ts";
import {FLAG_NAMES, flagSums, type PlatformFlag} from "../metrics/platform.ts";
import {codeName} from "./names.ts";
import {NAMED} from "./platform.ts";

/** Report count and every indicator flag's sum (loaders/metrics/platform.ts) for one unit and month. */
export type FlagCounts = {reports: number} & Record<PlatformFlag, number>;

export interface UnitCounts extends FlagCounts {
  label: string;
}

export interface MonthFigures {
  /** "YYYY-MM" */
  month: string;
  total: FlagCounts | null;
  streets: UnitCounts[];
  /** Departments the cases were dispatched to; cases not dispatched are in `undispatched`. */
  departments: UnitCounts[];
  undispatched: FlagCounts | null;
  /** The most reported 小类 of each problem type (code `event` / `component`), at most {@link TOP_PROBLEMS} each. */
  problems: {type: string; typeName: string; label: string; n: number}[];
  hotline: {
    orders: number;
    completed: number;
    rated: number;
    satisfied: number;
    channels: {label: string; n: number}[];
  } | null;
}

export interface BulletinFigures {
  /** Months with platform or hotline records, ascending. */
  months: string[];
  byMonth: Record<string, MonthFigures>;
}

export const TOP_PROBLEMS = 5;

const MONTH = "printf('%d-%02d', ym // 100, ym % 100)";
const SUMS = `count(*)::INTEGER AS reports,\n  ${flagSums()}`;

const UNITS_SQL = `
WITH named AS (${NAMED})
SELECT ${MONTH} AS month, 'total' AS scope, NULL AS label, ${SUMS} FROM named GROUP BY ym
UNION ALL
SELECT ${MONTH}, 'street', street_name, ${SUMS} FROM named GROUP BY ym, street_name
UNION ALL
SELECT ${MONTH}, CASE WHEN department_name = '（未派遣）' THEN 'undispatched' ELSE 'department' END, department_name, ${SUMS} FROM named GROUP BY ym, department_name
ORDER BY 1, 2, 3`;

const PROBLEMS_SQL = `
WITH named AS (${NAMED})
SELECT ${MONTH} AS month, problem_type AS type, type_name, minor_name AS label, count(*)::INTEGER AS n
FROM named
GROUP BY ym, problem_type, type_name, minor_name
QUALIFY row_number() OVER (PARTITION BY ym, problem_type ORDER BY n DESC, label) <= ${TOP_PROBLEMS}
ORDER BY month, type, n DESC, label`;

const HOTLINE_CHANNELS_SQL = `
SELECT strftime(received_at, '%Y-%m') AS month, ${codeName("hotline_source", "channel")} AS label, count(*)::INTEGER AS n
FROM hotline GROUP BY ALL ORDER BY month, n DESC, label`;

async function all(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

function counts(row: Record<string, unknown>): FlagCounts {
  const out = {reports: Number(row.reports)} as FlagCounts;
  for (const flag of FLAG_NAMES) out[flag] = Number(row[flag]);
  return out;
}

/** The months that {@link buildBulletinFigures} has, ascending, without computing them (for a page's month choice). */
export async function bulletinMonths(con: DuckDBConnection): Promise<string[]> {
  const rows = await all(con, `SELECT DISTINCT m FROM (
    SELECT strftime(reported_at, '%Y-%m') AS m FROM platform UNION SELECT strftime(received_at, '%Y-%m') FROM hotline)
    WHERE m IS NOT NULL ORDER BY m`);
  return rows.map((r) => String(r.m));
}

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Every month's figures for the bulletin, from the warehouse. */
export async function buildBulletinFigures(con: DuckDBConnection): Promise<BulletinFigures> {
  const byMonth: Record<string, MonthFigures> = {};
  const monthOf = (month: string) => (byMonth[month] ??= {month, total: null, streets: [], departments: [], undispatched: null, problems: [], hotline: null});
  for (const row of await all(con, UNITS_SQL)) {
    const m = monthOf(String(row.month));
    if (row.scope === "total") m.total = counts(row);
    else if (row.scope === "undispatched") m.undispatched = counts(row);
    else (row.scope === "street" ? m.streets : m.departments).push({label: String(row.label), ...counts(row)});
  }
  for (const row of await all(con, PROBLEMS_SQL)) {
    monthOf(String(row.month)).problems.push({type: String(row.type), typeName: String(row.type_name), label: String(row.label), n: Number(row.n)});
  }
  const channels = new Map<string, {label: string; n: number}[]>();
  for (const row of await all(con, HOTLINE_CHANNELS_SQL)) {
    const list = channels.get(String(row.month)) ?? [];
    list.push({label: String(row.label), n: Number(row.n)});
    channels.set(String(row.month), list);
  }
  const hotlineMonths = [...channels.keys()].sort();
  const span = {from: `${hotlineMonths[0]}-01`, to: monthEnd(hotlineMonths.at(-1)!)};
  const monthly = (id: string) => (hotlineMonths.length ? computeMetricByPeriod(con, id, span, "month", hotlineMonths) : new Map());
  const completions = await monthly("hotline_completion_rate");
  const satisfactions = await monthly("hotline_satisfaction_rate");
  for (const [month, list] of channels) {
    const completion = completions.get(month)!;
    const satisfaction = satisfactions.get(month)!;
    monthOf(month).hotline = {
      orders: completion.denominator ?? 0,
      completed: completion.numerator ?? 0,
      rated: satisfaction.denominator ?? 0,
      satisfied: satisfaction.numerator ?? 0,
      channels: list
    };
  }
  const months = Object.keys(byMonth).sort();
  return {months, byMonth: Object.fromEntries(months.map((m) => [m, byMonth[m]]))};
}
