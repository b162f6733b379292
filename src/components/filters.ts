/**
 * The filters a page applies to its tables, as a parameterized WHERE clause. A chart leaves
 * out the filter on its own dimension, so that clicking one of its bars narrows the other
 * charts while it keeps showing every choice (cross-filtering).
 */
import {defaultYear} from "./years.js";

export type FilterValue = string | number | null;
export type Filters = Record<string, FilterValue>;

export interface Dimension {
  /** Filter key (also the URL parameter). */
  key: string;
  /** Column it applies to. */
  column: string;
  /** A year applies to a "YYYY-MM" month column ("year") or to an integer YYYYMM column ("ym"). */
  kind?: "value" | "year" | "ym";
}

export interface Where {
  sql: string;
  params: unknown[];
}

export function where(filters: Filters, dimensions: Dimension[], {omit = [], shiftYears = 0}: {omit?: string[]; shiftYears?: number} = {}): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const d of dimensions) {
    const value = filters[d.key];
    if (value == null || value === "" || omit.includes(d.key)) continue;
    if (d.kind === "year" || d.kind === "ym") {
      const year = Number(value) + shiftYears;
      clauses.push(`${d.column} BETWEEN ? AND ?`);
      params.push(...(d.kind === "ym" ? [year * 100 + 1, year * 100 + 12] : [`${year}-01`, `${year}-12`]));
    } else {
      clauses.push(`${d.column} = ?`);
      params.push(value);
    }
  }
  return {sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params};
}

/** "2024年 · 西大街道 · 街面秩序" for a caption; "全部" when nothing is chosen. */
export function describeFilters(filters: Filters, labels: Record<string, string> = {}): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v != null && v !== "")
    .map(([k, v]) => (k === "year" ? `${v}年` : labels[k] ? `${labels[k]}：${v}` : String(v)));
  return parts.length ? parts.join(" · ") : "全部数据";
}

/**
 * The default year with every other filter set to its first (most reported) choice: a view that runs each filter's
 * code, for the engine's warm-up (engine.ts) on the pages that share the platform's filters.
 */
export function firstChoices(options: {years: readonly number[]; streets: readonly string[]; majors: readonly string[]; sources: readonly string[]}): Filters {
  return {year: defaultYear(options.years), street: options.streets[0] ?? null, major: options.majors[0] ?? null, source: options.sources[0] ?? null};
}
