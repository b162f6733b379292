import {resolveCategory, resolveCode, type CodeListId} from "./codes/index.ts";
import {datePartsText, machineDateText} from "./parse/dates.ts";
import {parseBoolean, parseInteger, parseNumber} from "./parse/numbers.ts";
import {normalizeText, normalizeToken} from "./parse/text.ts";
import type {Cell} from "./read.ts";
import type {FieldSpec, SourceSchema} from "./schema/index.ts";

/** A problem found in one row; `code` groups reasons in the report, `message` is for the data maintainer. */
export interface Issue {
  code: string;
  field: string | null;
  message: string;
}

type Lookup = (raw: string) => string | undefined;

/** Fields holding identifiers, phone numbers or patterned codes lose all whitespace and become fully half-width. */
function isTokenField(f: FieldSpec, idField: string): boolean {
  return f.name === idField || /(_no|_id)$/.test(f.name) || f.personal === "phone" || f.personal === "id_number" || Boolean(f.pattern);
}

function preview(v: Cell): string {
  const s = String(v);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** Platform numbers typed into Excel as numbers lose their leading zero: 5 -> 05, 510 -> 0510. */
function padCode(v: unknown, n: number): string | null {
  return typeof v === "string" && v.length < n && /^\d+$/.test(v) ? v.padStart(n, "0") : (v as string | null);
}

export interface NormalizedRow {
  row: Record<string, unknown>;
  issues: Issue[];
}

const TYPE_WORDS: Record<string, string> = {integer: "整数", number: "数值", boolean: "是/否", date: "日期", datetime: "日期时间"};

function invalidIssue(f: FieldSpec, cell: Cell): Issue {
  return {code: `invalid_${f.type}:${f.name}`, field: f.name, message: `${f.label}“${preview(cell)}”无法识别为${TYPE_WORDS[f.type] ?? f.type}`};
}

function unknownCodeIssue(f: FieldSpec, text: string): Issue {
  return {code: `unknown_code:${f.name}`, field: f.name, message: `${f.label}“${preview(text)}”不在代码表中`};
}

/** What the compiled normalizer calls; passed in because code made by `new Function` sees no module scope. */
const HELPERS = {normalizeText, normalizeToken, parseInteger, parseNumber, parseBoolean, machineDateText, datePartsText, invalidIssue, unknownCodeIssue};

/**
 * Compiles the cell-to-value conversion of one source for a file's column layout: every field is read from its
 * column, converted to its type (dates as YYYY-MM-DD, datetimes as YYYY-MM-DDTHH:mm:ss China time) and code labels
 * are mapped to codes. Conversion failures become issues; required/min/pattern and cross-field rules are left to
 * the schema (validate.ts). The conversion is generated as one statement per field, so that V8 sees fixed property
 * names and one object shape, which a loop over the fields cannot give it.
 */
export function compileNormalizer(
  schema: SourceSchema,
  columns: ReadonlyMap<string, number>,
  options: {date1904?: boolean} = {}
): (cells: Cell[]) => NormalizedRow {
  const lookups = new Map<string, Lookup>();
  const lookupFor = (list: CodeListId): Lookup => {
    let l = lookups.get(list);
    if (!l) {
      const cache = new Map<string, string | undefined>();
      l = (raw) => {
        if (cache.has(raw)) return cache.get(raw);
        const code = resolveCode(list, raw);
        cache.set(raw, code);
        return code;
      };
      lookups.set(list, l);
    }
    return l;
  };
  const steps = schema.fields
    .filter((f) => columns.has(f.name) && !f.derived)
    .map((f) => ({
      f,
      col: columns.get(f.name)!,
      lookup: f.type === "code" && f.codeList && f.codeList !== "category" ? lookupFor(f.codeList) : null
    }));
  const statements = steps.map(({f, col, lookup}, i) => {
    const target = `row[${JSON.stringify(f.name)}]`;
    const cell = `cells[${col}]`;
    switch (f.type) {
      case "string": {
        const token = isTokenField(f, schema.idField);
        if (f.personal === "id_number") return `s = h.normalizeToken(${cell}); ${target} = s === null ? null : s.toUpperCase();`;
        return `${target} = h.${token ? "normalizeToken" : "normalizeText"}(${cell});`;
      }
      case "code":
        if (lookup === null) return `${target} = h.normalizeText(${cell});`;
        return (
          `s = h.normalizeText(${cell}); ` +
          `if (s === null) ${target} = null; ` +
          `else if ((code = steps[${i}].lookup(s)) === undefined) { issues.push(h.unknownCodeIssue(steps[${i}].f, s)); ${target} = undefined; } ` +
          `else ${target} = code;`
        );
      case "date":
      case "datetime": {
        const withTime = f.type === "datetime";
        // the machine forms without a result object; anything else once, by the general parser
        return (
          `c = ${cell}; ` +
          `if (typeof c === "string" && (s = h.machineDateText(c, ${withTime})) !== undefined) ${target} = s; ` +
          `else if ((p = h.datePartsText(c === undefined ? null : c, date1904, ${withTime})).ok) ${target} = p.value; ` +
          `else { issues.push(h.invalidIssue(steps[${i}].f, c === undefined ? null : c)); ${target} = undefined; }`
        );
      }
      default: {
        const parse = {integer: "parseInteger", number: "parseNumber", boolean: "parseBoolean"}[f.type];
        return (
          `c = ${cell}; ` +
          `if ((p = h.${parse}(c === undefined ? null : c)).ok) ${target} = p.value; ` +
          `else { issues.push(h.invalidIssue(steps[${i}].f, c === undefined ? null : c)); ${target} = undefined; }`
        );
      }
    }
  });
  const resolveCategories = schema.fields.some((f) => f.codeList === "category") && schema.fields.some((f) => f.name === "problem_type") ? categoryResolver() : null;
  const literal = `{${schema.fields.map((f) => `${JSON.stringify(f.name)}: null`).join(", ")}}`;
  const body = `return (cells) => {
    const row = ${literal};
    const issues = [];
    let c, s, p, code;
    ${statements.join("\n    ")}
    ${resolveCategories ? "resolveCategories(row, issues);" : ""}
    return {row, issues};
  };`;
  return new Function("h", "steps", "date1904", "resolveCategories", body)(HELPERS, steps, options.date1904 ?? false, resolveCategories);
}

/** Problem type, 大类 and 小类 codes resolved together (codes typed as numbers lose their leading zeros), once per combination. */
function categoryResolver(): (row: Record<string, unknown>, issues: Issue[]) => void {
  const cache = new Map<string, {major: string; minor: string | undefined} | undefined>();
  return (row, issues) => {
    const type = row.problem_type;
    const major = padCode(row.category_major, 2);
    const minor = padCode(row.category_minor, 4);
    if ((major || minor) && (type === "event" || type === "component")) {
      const key = `${type}\u0000${major}\u0000${minor}`;
      let resolved = cache.get(key);
      if (!cache.has(key)) {
        resolved = resolveCategory(type, major ?? undefined, minor ?? undefined);
        cache.set(key, resolved);
      }
      if (resolved) {
        row.category_major = resolved.major;
        row.category_minor = resolved.minor ?? null;
      } else {
        issues.push({
          code: "unknown_code:category",
          field: "category_minor",
          message: `类别“${major ?? ""}/${minor ?? ""}”不在${type === "event" ? "事件" : "部件"}类别代码表中，或小类不属于大类`
        });
        row.category_major = row.category_minor = undefined;
      }
    } else if (major || minor) {
      row.category_major = row.category_minor = undefined;
    }
  };
}
