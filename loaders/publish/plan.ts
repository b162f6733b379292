/**
 * The yearly plan (data/plan/<year>.yaml) against what the data shows: each target with its
 * computed actual, progress, status and month-by-month path. A target whose metric has no
 * computation is kept, with a message, so the plan file can run ahead of the code.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {readdirSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {z} from "zod";
import {metricById} from "../codes/index.ts";
import {computeMetric, isComputable, type MetricValue} from "../metrics/compute.ts";
import {PlanTarget} from "../schema/plan.ts";
import {parseYaml} from "../yaml-file.ts";

export type TargetStatus = "达标" | "进行中" | "滞后" | "无数据";

export interface PathPoint {
  month: string;
  /** Year-to-date value at the end of the month, in the target's unit (percent for rates). */
  actual: number | null;
  /** For counts: the share of the annual target due by then. */
  pace: number | null;
}

export interface TargetReport {
  id: string;
  name: string;
  metric: string;
  metricName: string | null;
  definition: string | null;
  unit: string;
  direction: "higher" | "lower";
  target: number;
  note: string | null;
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  progress: number | null;
  status: TargetStatus;
  message: string | null;
  path: PathPoint[];
}

export interface PlanReport {
  year: number;
  title: string;
  source: string | null;
  /** Last month with data in the plan year, "YYYY-MM". */
  through: string | null;
  targets: TargetReport[];
  errors: string[];
}

/** Rates are computed as fractions; targets and display use percent. */
const isRate = (metric: string) => metricById(metric)?.unit === "%";
const scaled = (metric: string, v: number | null) => (v == null ? null : isRate(metric) ? v * 100 : v);

/** Percentage points within which an unmet rate is still "in progress" during the year. */
export const RATE_TOLERANCE_POINTS = 2;

export function targetStatus({actual, target, direction, rate, elapsed}: {actual: number | null; target: number; direction: "higher" | "lower"; rate: boolean; elapsed: number}): TargetStatus {
  if (actual == null) return "无数据";
  const met = direction === "higher" ? actual >= target : actual <= target;
  if (met) return "达标";
  if (elapsed >= 1) return "滞后";
  if (rate) return Math.abs(actual - target) <= RATE_TOLERANCE_POINTS ? "进行中" : "滞后";
  // Counts accumulate through the year: on pace if at least the elapsed share is done.
  return direction === "higher" && actual >= target * elapsed ? "进行中" : "滞后";
}

export function progressOf({actual, target, direction}: {actual: number | null; target: number; direction: "higher" | "lower"}): number | null {
  if (actual == null) return null;
  if (direction === "higher") return target === 0 ? 1 : Math.max(0, actual / target);
  return actual <= target ? 1 : actual === 0 ? 0 : target / actual;
}

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The plan folder: `$CHENGGUAN_PLAN_DIR` or data/plan. */
export function planDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CHENGGUAN_PLAN_DIR || "data/plan");
}

/** A plan file's frame; each target is checked on its own in buildPlan, so that one bad target does not hide the rest. */
const PlanFrame = z.object({year: z.number().int().min(2000).max(2100), title: z.string().min(1), source: z.string().optional(), targets: z.array(z.unknown()).min(1)}).strict();

/**
 * The yearly plan files of `dir` (<year>.yaml). Throws ConfigError, naming the file, the line and the fault, for a
 * file that is not valid YAML or lacks its frame (year, title, a list of targets).
 */
export function readPlanFiles(dir: string): {year: number; raw: unknown; file: string}[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({year: Number(f.slice(0, 4)), raw: parseYaml(readFileSync(join(dir, f), "utf-8"), `${dir.replace(/\/$/, "")}/${f}`, PlanFrame), file: f}));
}

/** The latest month with any record in the warehouse, "YYYY-MM". */
export async function latestMonth(con: DuckDBConnection): Promise<string | null> {
  const reader = await con.runAndReadAll(`SELECT max(m) AS m FROM (
    SELECT strftime(max(reported_at), '%Y-%m') AS m FROM platform UNION ALL
    SELECT strftime(max(issued_on), '%Y-%m') FROM documents UNION ALL
    SELECT strftime(max(filed_on), '%Y-%m') FROM cases UNION ALL
    SELECT strftime(max(received_at), '%Y-%m') FROM hotline)`);
  return (reader.getRowObjectsJS()[0]?.m as string | null) ?? null;
}

export async function buildPlan(con: DuckDBConnection, raw: unknown, year: number): Promise<PlanReport> {
  const doc = (raw ?? {}) as {year?: number; title?: string; source?: string; targets?: unknown[]};
  const errors: string[] = [];
  const latest = await latestMonth(con);
  const lastMonth = latest == null || latest < `${year}-01` ? 0 : latest >= `${year}-12` ? 12 : Number(latest.slice(5, 7));
  const elapsed = lastMonth / 12;
  const targets: TargetReport[] = [];
  for (const [i, item] of (doc.targets ?? []).entries()) {
    const t = item as Partial<PlanTarget>;
    const parsed = PlanTarget.safeParse(item);
    const structural = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.path[0] !== "metric");
    if (structural.length > 0 || typeof t.metric !== "string") {
      errors.push(`第 ${i + 1} 个目标格式有误：${structural.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("；") || "缺少 metric"}`);
      continue;
    }
    const metric = metricById(t.metric);
    const base = {
      id: t.id!, name: t.name!, metric: t.metric, metricName: metric?.name ?? null, definition: metric?.definition ?? null,
      unit: t.unit!, direction: t.direction!, target: t.target!, note: t.note ?? null
    };
    if (!isComputable(t.metric)) {
      targets.push({...base, actual: null, numerator: null, denominator: null, progress: null, status: "无数据", message: `指标“${t.metric}”尚无计算方法：请在 loaders/codes/metrics.ts 与 loaders/metrics/compute.ts 中补充，或改用已有指标。`, path: []});
      continue;
    }
    const path: PathPoint[] = [];
    let final: MetricValue | null = null;
    for (let m = 1; m <= lastMonth; m++) {
      final = await computeMetric(con, t.metric, {from: `${year}-01-01`, to: monthEnd(year, m)});
      const pace = isRate(t.metric) ? null : (t.target! * m) / 12;
      path.push({month: monthKey(year, m), actual: scaled(t.metric, final.value), pace});
    }
    const actual = final ? scaled(t.metric, final.value) : null;
    targets.push({
      ...base,
      actual,
      numerator: final?.numerator ?? null,
      denominator: final?.denominator ?? null,
      progress: progressOf({actual, target: base.target, direction: base.direction}),
      status: targetStatus({actual, target: base.target, direction: base.direction, rate: isRate(t.metric), elapsed}),
      message: actual == null ? (lastMonth === 0 ? `${year} 年尚无数据。` : "分母为 0，无法计算。") : null,
      path
    });
  }
  return {year, title: doc.title ?? `${year} 年度目标`, source: doc.source ?? null, through: lastMonth ? monthKey(year, lastMonth) : null, targets, errors};
}

/** Every plan file of `dir` against the warehouse (what plan.json publishes), in year order. */
export async function buildPlans(con: DuckDBConnection, dir = planDir()): Promise<PlanReport[]> {
  const plans: PlanReport[] = [];
  for (const {year, raw} of readPlanFiles(dir)) plans.push(await buildPlan(con, raw, year));
  return plans;
}
