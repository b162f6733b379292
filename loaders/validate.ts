import type {Issue, NormalizedRow} from "./normalize.ts";
import {recordId, type SourceSchema} from "./schema/index.ts";

/** Values the loader computes rather than reads (schema fields with `derived`, and documented defaults). */
export function deriveFields(schema: SourceSchema, row: Record<string, unknown>): void {
  if (schema.idParts) row[schema.idField] = recordId(schema, row);
  // 案件状态 is optional in the register; the schema says a missing one follows from 结案日期.
  if (schema.source === "cases" && row.status === null) row.status = row.closed_on ? "closed" : "open";
}

function describe(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s === undefined ? "" : s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** `out` with `issue` appended; the normalizer's own list (`issues`) is copied rather than changed. */
function added(out: Issue[], issues: Issue[], issue: Issue): Issue[] {
  const list = out === issues ? [...issues] : out;
  list.push(issue);
  return list;
}

export type Validator = (normalized: NormalizedRow) => Issue[];

/**
 * The schema's checks compiled from its field specs and rules: required fields, minimums, patterns and the
 * cross-field rules (dates in order and the like). Types, date formats and code membership are already
 * guaranteed by the normalizer, so this agrees with `schema.row` (zod) at a fraction of its cost per row;
 * test/unit/validate.test.ts holds the two to the same verdicts and ingest re-checks a sample of each file with zod.
 */
export function compileFastValidator(schema: SourceSchema): Validator {
  const checks = schema.fields
    .filter((f) => f.required || f.min !== undefined || f.pattern)
    .map((f) => ({
      name: f.name,
      label: f.label,
      required: f.required,
      min: f.min,
      pattern: f.pattern ? new RegExp(f.pattern) : null
    }));
  return ({row, issues}) => {
    deriveFields(schema, row);
    let out = issues;
    let failed: Set<string | null> | null = null;
    if (issues.length) {
      failed = new Set(issues.map((i) => i.field));
      if (failed.has("problem_type")) failed.add("category_major").add("category_minor");
    }
    for (const c of checks) {
      const v = row[c.name];
      if (v === null || v === undefined) {
        if (c.required && !failed?.has(c.name)) out = added(out, issues, {code: `required:${c.name}`, field: c.name, message: `缺少${c.label}`});
        continue;
      }
      if (c.min !== undefined && typeof v === "number" && v < c.min) {
        out = added(out, issues, {code: `below_min:${c.name}`, field: c.name, message: `${c.label}不能小于 ${c.min}（${describe(v)}）`});
      } else if (c.pattern && typeof v === "string" && !c.pattern.test(v)) {
        out = added(out, issues, {code: `invalid_format:${c.name}`, field: c.name, message: `${c.label}格式不正确（${describe(v)}）`});
      }
    }
    // like zod, cross-field rules only judge rows whose fields are all well-formed
    if (out.length) return out;
    for (const rule of schema.rules) {
      if (!rule.test(row)) out = added(out, issues, {code: `rule:${rule.id}`, field: rule.path, message: rule.message});
    }
    return out;
  };
}

/**
 * Validates with the source's zod schema (`schema.row`): the reference check. Issues on fields that already
 * failed conversion are not repeated.
 */
export function compileValidator(schema: SourceSchema): Validator {
  const labels = new Map(schema.fields.map((f) => [f.name, f.label]));
  const ruleMessages = new Map(schema.rules.map((r) => [r.id, r.message]));
  return ({row, issues}) => {
    deriveFields(schema, row);
    const failed = new Set(issues.map((i) => i.field));
    if (failed.has("problem_type")) failed.add("category_major").add("category_minor");
    const result = schema.row.safeParse(row);
    if (result.success) return issues;
    const out = [...issues];
    for (const issue of result.error.issues) {
      const field = issue.path.length ? String(issue.path[0]) : null;
      if (field !== null && failed.has(field)) continue;
      const label = (field && labels.get(field)) ?? field ?? "";
      const value = field ? row[field] : undefined;
      if (issue.code === "custom") {
        const rule = (issue as {params?: {rule?: string}}).params?.rule ?? "rule";
        out.push({code: `rule:${rule}`, field, message: ruleMessages.get(rule) ?? issue.message});
      } else if (value === null || value === undefined) {
        out.push({code: `required:${field}`, field, message: `缺少${label}`});
      } else if (issue.code === "too_small") {
        const min = (issue as {minimum?: number | bigint}).minimum;
        out.push({code: `below_min:${field}`, field, message: `${label}不能小于 ${min}（${describe(value)}）`});
      } else if (issue.code === "invalid_format") {
        out.push({code: `invalid_format:${field}`, field, message: `${label}格式不正确（${describe(value)}）`});
      } else {
        out.push({code: `invalid:${field}`, field, message: `${label}不符合要求（${describe(value)}）: ${issue.message}`});
      }
      if (field !== null && issue.code !== "custom") failed.add(field);
    }
    return out;
  };
}
