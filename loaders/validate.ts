import type {Note} from "./findings.ts";
import type {Issue, NormalizedRow} from "./normalize.ts";
import type {SourceSchema} from "./schema/index.ts";

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

export type Validator = (normalized: Pick<NormalizedRow, "row" | "issues">) => Issue[];

/**
 * The schema's checks compiled from its field specs and rules: the values that place a row (record id and date), the
 * minimums (no negative fine or count) and the rejecting cross-field rules (times in an impossible order). Types and
 * date formats are already guaranteed by the normalizer, so this agrees with `schema.row` (zod) at a fraction of its
 * cost per row; test/unit/validate.test.ts holds the two to the same verdicts and ingest re-checks a sample of each
 * file with zod. Expects the derived fields to be set (derive.ts).
 */
export function compileFastValidator(schema: SourceSchema): Validator {
  const checks = schema.fields
    .filter((f) => f.required || f.min !== undefined)
    .map((f) => ({name: f.name, label: f.label, required: f.required, min: f.min}));
  const rules = schema.rules.filter((r) => !r.warn);
  return ({row, issues}) => {
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
      }
    }
    // like zod, cross-field rules only judge rows whose fields are all well-formed
    if (out.length) return out;
    for (const rule of rules) {
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

/**
 * The warning rules (`warn`): inconsistencies a kept row may have, such as 有办理结果但没有办结时间, as notes for the
 * quality report. Run on rows that are accepted.
 */
export function compileWarnings(schema: SourceSchema): (row: Record<string, unknown>, notes: Note[] | null) => Note[] | null {
  const rules = schema.rules.filter((r) => r.warn);
  const notes = new Map(rules.map((r) => [r.id, {kind: "warning", code: `rule:${r.id}`, field: r.path, message: r.message} as Note]));
  if (rules.length === 0) return (_row, existing) => existing;
  return (row, existing) => {
    let out = existing;
    for (const rule of rules) if (!rule.test(row)) (out ??= []).push(notes.get(rule.id)!);
    return out;
  };
}
