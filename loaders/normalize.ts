/**
 * The normalizer: one file's cells to one source's typed row. Parsing lives in loaders/parse/; this file decides
 * what each field's cell becomes, and what a value the code lists do not know becomes (its text, noted as new).
 */
import {byCode, findCategory, resolveCode, type Category, type CodeBook, type CodeListId, type ProblemType} from "./codes/index.ts";
import type {Note} from "./findings.ts";
import {datePartsText, machineDateText} from "./parse/dates.ts";
import {damagedIdentifier, idNumberProblem} from "./parse/identifiers.ts";
import {parseBoolean, parseInteger, parseNumber} from "./parse/numbers.ts";
import {normalizeText, normalizeToken} from "./parse/text.ts";
import type {Cell} from "./read.ts";
import type {FieldSpec, SourceSchema} from "./schema/index.ts";

/** A problem that rejects the row; `code` groups reasons in the report, `message` is for the data maintainer. */
export interface Issue {
  code: string;
  field: string | null;
  message: string;
}

export interface NormalizedRow {
  row: Record<string, unknown>;
  /** Why the row cannot be placed (it is rejected when there is any). */
  issues: Issue[];
  /** New values and warnings about a row that is kept; null when there are none. */
  notes: Note[] | null;
}

type Lookup = (raw: string) => string | undefined;

/** Fields holding identifiers or phone numbers lose all whitespace and become fully half-width. */
function isTokenField(f: FieldSpec, idField: string): boolean {
  return f.name === idField || /(_no|_id)$/.test(f.name) || f.personal === "phone" || f.personal === "id_number";
}

function preview(v: Cell): string {
  const s = String(v);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** Platform numbers typed into Excel as numbers lose their leading zero: 5 -> 05, 510 -> 0510. */
function padCode(v: unknown, n: number): string | null {
  return typeof v === "string" && v.length < n && /^\d+$/.test(v) ? v.padStart(n, "0") : (v as string | null);
}

const TYPE_WORDS: Record<string, string> = {integer: "整数", number: "数值", boolean: "是/否", date: "日期", datetime: "日期时间"};

function invalidIssue(f: FieldSpec, cell: Cell): Issue {
  return {code: `invalid_${f.type}:${f.name}`, field: f.name, message: `${f.label}“${preview(cell)}”无法识别为${TYPE_WORDS[f.type] ?? f.type}`};
}

/** A value of a field that does not place the row: kept as empty, and said so (typed fields hold nothing personal). */
function invalidNote(f: FieldSpec, cell: Cell): Note {
  return {kind: "warning", code: `invalid_${f.type}:${f.name}`, field: f.name, message: `${f.label}“${preview(cell)}”无法识别为${TYPE_WORDS[f.type] ?? f.type}，已置空`};
}

function damagedIssue(f: FieldSpec): Issue {
  return {code: `damaged_id:${f.name}`, field: f.name, message: `${f.label}被 Excel 存成了数字（如 4.10102E+17），末几位已丢失，无法作为编号`};
}

function damagedNote(f: FieldSpec): Note {
  return {kind: "warning", code: `damaged_id:${f.name}`, field: f.name, message: `${f.label}被 Excel 存成了数字，末几位已丢失，已置空（原值不可恢复，请在原系统中以文本格式重新导出）`};
}

function idNumberNote(f: FieldSpec, problem: "check_digit" | "format"): Note {
  return problem === "check_digit"
    ? {kind: "warning", code: `id_check:${f.name}`, field: f.name, message: `${f.label}的校验位或出生日期不符（GB 11643 / GB 32100），可能录入有误`}
    : {kind: "warning", code: `id_format:${f.name}`, field: f.name, message: `${f.label}既不是 18 位身份证号，也不是统一社会信用代码`};
}

/** What the compiled normalizer calls; passed in because code made by `new Function` sees no module scope. */
const HELPERS = {
  normalizeText,
  normalizeToken,
  parseInteger,
  parseNumber,
  parseBoolean,
  machineDateText,
  datePartsText,
  damagedIdentifier,
  idNumberProblem,
  invalidIssue,
  invalidNote,
  damagedIssue,
  damagedNote,
  idNumberNote
};

export interface NormalizeOptions {
  book: CodeBook;
  date1904?: boolean;
}

/**
 * Compiles the cell-to-value conversion of one source for a file's column layout: every field is read from its
 * column and converted to its type (dates as YYYY-MM-DD, datetimes as YYYY-MM-DDTHH:mm:ss China time); coded values
 * become the code of the entry they name, or stay as their normalized text with a `new_value` note when the code list
 * does not know them. A cell that cannot be read becomes an issue (rejecting the row) only for the fields that place
 * it (`required`: the record id and date); for any other field it becomes null with a warning note. Identifiers that
 * Excel stored as numbers and so truncated (16 digits or more, or 4.10102E+17) never become an id: a record id is an
 * issue, any other is null with a warning. The minimums and cross-field rules are left to validate.ts.
 *
 * The conversion is generated as one statement per field, so that V8 sees fixed property names and one object shape,
 * which a loop over the fields cannot give it.
 */
export function compileNormalizer(schema: SourceSchema, columns: ReadonlyMap<string, number>, options: NormalizeOptions): (cells: Cell[]) => NormalizedRow {
  const {book} = options;
  const lookups = new Map<string, Lookup>();
  const lookupFor = (list: CodeListId): Lookup => {
    let l = lookups.get(list);
    if (!l) {
      const cache = new Map<string, string | undefined>();
      l = (raw) => {
        if (cache.has(raw)) return cache.get(raw);
        const code = resolveCode(book, list, raw);
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
    const spec = `steps[${i}].f`;
    // a value that cannot be read rejects the row only where the row cannot be placed without it
    const unreadable = f.required
      ? `{ issues.push(h.invalidIssue(${spec}, c === undefined ? null : c)); ${target} = undefined; }`
      : `{ (notes ??= []).push(h.invalidNote(${spec}, c === undefined ? null : c)); ${target} = null; }`;
    switch (f.type) {
      case "string": {
        if (!isTokenField(f, schema.idField)) return `${target} = h.normalizeText(${cell});`;
        const damaged = f.required ? `{ issues.push(h.damagedIssue(${spec})); ${target} = undefined; }` : `{ (notes ??= []).push(h.damagedNote(${spec})); ${target} = null; }`;
        if (f.personal !== "id_number") return `c = ${cell}; if (h.damagedIdentifier(c)) ${damaged} else ${target} = h.normalizeToken(c === undefined ? null : c);`;
        return (
          `c = ${cell}; ` +
          `if (h.damagedIdentifier(c)) ${damaged} ` +
          `else if ((s = h.normalizeToken(c === undefined ? null : c)) === null) ${target} = null; ` +
          `else { s = s.toUpperCase(); p = h.idNumberProblem(s); ` +
          `if (p === "damaged") ${damaged} else { if (p !== null) (notes ??= []).push(h.idNumberNote(${spec}, p)); ${target} = s; } }`
        );
      }
      case "code":
        if (lookup === null) return `${target} = h.normalizeText(${cell});`;
        return (
          `s = h.normalizeText(${cell}); ` +
          `if (s === null) ${target} = null; ` +
          `else if ((code = steps[${i}].lookup(s)) === undefined) { ${target} = s; (notes ??= []).push({kind: "new_value", field: ${JSON.stringify(f.name)}, list: ${JSON.stringify(f.codeList)}, value: s}); } ` +
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
          `else ${unreadable}`
        );
      }
      default: {
        const parse = {integer: "parseInteger", number: "parseNumber", boolean: "parseBoolean"}[f.type];
        return `c = ${cell}; if ((p = h.${parse}(c === undefined ? null : c)).ok) ${target} = p.value; else ${unreadable}`;
      }
    }
  });
  const hasCategories = schema.fields.some((f) => f.codeList === "category") && schema.fields.some((f) => f.name === "problem_type");
  const resolveCategories = hasCategories ? categoryResolver(book) : null;
  const checkCommunity = schema.fields.some((f) => f.codeList === "community") && schema.fields.some((f) => f.name === "street") ? communityChecker(book) : null;
  const literal = `{${schema.fields.map((f) => `${JSON.stringify(f.name)}: null`).join(", ")}}`;
  const body = `return (cells) => {
    const row = ${literal};
    const issues = [];
    let notes = null;
    let c, s, p, code;
    ${statements.join("\n    ")}
    ${resolveCategories ? "notes = resolveCategories(row, notes);" : ""}
    ${checkCommunity ? "notes = checkCommunity(row, notes);" : ""}
    return {row, issues, notes};
  };`;
  return new Function("h", "steps", "date1904", "resolveCategories", "checkCommunity", body)(
    HELPERS,
    steps,
    options.date1904 ?? false,
    resolveCategories,
    checkCommunity
  );
}

type NoteStep = (row: Record<string, unknown>, notes: Note[] | null) => Note[] | null;

/**
 * Problem type, 大类 and 小类 resolved together, once per combination: a cell may be a name, an alias, a platform
 * number (05, 0510; a leading zero lost to Excel is put back) or a canonical code. A 大类 or 小类 the list does not
 * know is kept as its text (a local category, reported as new); a known 小类 under another 大类 than the list's keeps
 * both codes as exported, with a warning. A missing 大类 follows from a known 小类.
 */
function categoryResolver(book: CodeBook): NoteStep {
  type Resolved = {major: string | null; minor: string | null; notes: Note[]};
  const cache = new Map<string, Resolved>();
  const resolve = (type: ProblemType | null, major: string | null, minor: string | null): Resolved => {
    const notes: Note[] = [];
    const mi = minor ? findCategory(book, minor, "minor", type) : undefined;
    let ma: Category | undefined;
    if (major) ma = findCategory(book, major, "major", type);
    else if (mi?.parent) ma = book.lists.category.entries.find((e) => e.code === mi.parent) as Category | undefined;
    if (major && !ma) notes.push({kind: "new_value", field: "category_major", list: "category", value: major, context: type});
    if (minor && !mi) notes.push({kind: "new_value", field: "category_minor", list: "category", value: minor, context: ma?.code ?? major});
    if (ma && mi && mi.parent !== ma.code) {
      const listed = byCode(book, "category", mi.parent ?? "")?.name ?? "";
      notes.push({kind: "warning", code: "category_hierarchy", field: "category_minor", message: `小类“${mi.name}”在代码表中属于大类“${listed}”，导出中在“${ma.name}”下；两者均按导出保留`});
    }
    return {major: ma?.code ?? major, minor: mi?.code ?? minor, notes};
  };
  return (row, notes) => {
    const major = padCode(row.category_major, 2);
    const minor = padCode(row.category_minor, 4);
    if (!major && !minor) return notes;
    const type = row.problem_type === "event" || row.problem_type === "component" ? row.problem_type : null;
    const key = `${type}\u0000${major}\u0000${minor}`;
    let resolved = cache.get(key);
    if (!resolved) cache.set(key, (resolved = resolve(type, major, minor)));
    row.category_major = resolved.major;
    row.category_minor = resolved.minor;
    return resolved.notes.length ? [...(notes ?? []), ...resolved.notes] : notes;
  };
}

/** A known community under another street than the row's known street: kept, with a warning. */
function communityChecker(book: CodeBook): NoteStep {
  return (row, notes) => {
    if (typeof row.community !== "string" || typeof row.street !== "string") return notes;
    const c = byCode(book, "community", row.community);
    if (!c) {
      const note = notes?.find((n) => n.kind === "new_value" && n.field === "community");
      if (note?.kind === "new_value") note.context = row.street;
      return notes;
    }
    if (c.parent === row.street || !byCode(book, "street", row.street)) return notes;
    const note: Note = {kind: "warning", code: "community_in_street", field: "community", message: `社区“${c.name}”在代码表中不属于导出中的街道；按导出保留`};
    return [...(notes ?? []), note];
  };
}
