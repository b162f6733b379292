/**
 * The code book: the bureau's code lists (data/codes/<list>.yaml) and extra header texts (data/codes/headers.yaml),
 * read, checked and indexed once. Every value list is open: a value the book does not know is kept as its text and
 * reported, never rejected (see loaders/findings.ts). What the program needs from the lists (attributes that metrics
 * read, codes it names) is checked here, so a broken hand edit stops the ingest with the file and line.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {distance} from "fastest-levenshtein";
import {ConfigError, readYamlFileLocated} from "../yaml-file.ts";
import {ATTRIBUTES, HeadersFile, listFileSchema, REQUIRED_CODES} from "./schema.ts";
import {CODE_LIST_IDS, type AttributeValue, type Category, type CodeEntry, type CodeList, type CodeListId, type ProblemType} from "./types.ts";

export const HEADERS_FILE = "headers.yaml";
export const CODES_ENV = "CHENGGUAN_CODES";

export interface CodeBook {
  /** Absolute folder the book was read from. */
  dir: string;
  lists: Readonly<Record<CodeListId, CodeList>>;
  /** Header texts accepted besides the built-in ones: source -> field -> texts. */
  headers: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** sha256 (16 hex digits) of each list file's text, and of headers.yaml under "headers". */
  fingerprints: Readonly<Record<string, string>>;
}

/** The folder of the shipped code lists, or $CHENGGUAN_CODES. */
export function defaultCodesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env[CODES_ENV] || "data/codes");
}

const fingerprint = (text: string) => crypto.createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * Reads and checks every list of `dir`. Throws ConfigError (Chinese, naming the file and line) for a missing list
 * file, a file that is not a known list, malformed YAML, an unknown key, a duplicate code, a name or alias given to
 * two entries, a parent that does not exist, or a code the program needs that is missing.
 */
export function loadCodeBook(dir = defaultCodesDir()): CodeBook {
  const abs = path.resolve(dir);
  const shown = (f: string) => path.relative(process.cwd(), path.join(abs, f)) || f;
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new ConfigError(shown(""), null, "代码表目录不存在");
  const known = new Set<string>([...CODE_LIST_IDS.map((id) => `${id}.yaml`), HEADERS_FILE]);
  for (const f of fs.readdirSync(abs)) {
    if (/\.ya?ml$/i.test(f) && !known.has(f)) {
      throw new ConfigError(shown(f), null, `不是已知的代码表（文件名应为 ${CODE_LIST_IDS.slice(0, 4).join("、")} 等代码表名加 .yaml，见 docs/data-dictionary.md）`);
    }
  }
  const lists = {} as Record<CodeListId, CodeList>;
  const fingerprints: Record<string, string> = {};
  for (const id of CODE_LIST_IDS) {
    const file = `${id}.yaml`;
    const doc = readYamlFileLocated(path.join(abs, file), listFileSchema(id), shown(file));
    fingerprints[id] = fingerprint(doc.text);
    const entries = doc.data.entries.map((raw, i): CodeEntry => {
      const {code, name, aliases, parent, description, ...rest} = raw as Record<string, unknown> & {code: string; name: string; aliases?: string[]; parent?: string; description?: string};
      const attributes: Record<string, AttributeValue> = {};
      const entry: Record<string, unknown> = {code, name, line: doc.lineOf(["entries", i]) ?? undefined};
      if (aliases?.length) entry.aliases = aliases;
      if (parent !== undefined) entry.parent = parent;
      if (description) entry.description = description;
      for (const [k, v] of Object.entries(rest)) {
        if (v === undefined) continue;
        if (k in (ATTRIBUTES[id] ?? {})) attributes[k] = v as AttributeValue;
        else entry[k] = v;
      }
      if (Object.keys(attributes).length) entry.attributes = attributes;
      return entry as unknown as CodeEntry;
    });
    lists[id] = {id, label: doc.data.label, description: doc.data.description, standard: doc.data.standard ?? null, entries, file: shown(file)};
  }
  let headers: Record<string, Record<string, string[]>> = {};
  const headersPath = path.join(abs, HEADERS_FILE);
  if (fs.existsSync(headersPath)) {
    const doc = readYamlFileLocated(headersPath, HeadersFile, shown(HEADERS_FILE));
    fingerprints.headers = fingerprint(doc.text);
    headers = Object.fromEntries(Object.entries(doc.data ?? {}).map(([source, fields]) => [source, fields ?? {}]));
  } else {
    fingerprints.headers = fingerprint("");
  }
  const book: CodeBook = {dir: abs, lists, headers, fingerprints};
  checkBook(book);
  return book;
}

function fault(list: CodeList, entry: CodeEntry | null, message: string): ConfigError {
  return new ConfigError(list.file, entry?.line ?? null, message);
}

/** The cross-entry checks a schema cannot express. */
function checkBook(book: CodeBook): void {
  for (const list of Object.values(book.lists)) {
    const codes = new Map<string, CodeEntry>();
    for (const e of list.entries) {
      const prev = codes.get(e.code);
      if (prev) throw fault(list, e, `代码“${e.code}”重复（第 ${prev.line} 行已有“${prev.name}”）`);
      codes.set(e.code, e);
    }
    // a name or alias must lead to one entry (category names repeat across 事件/部件 and 大类/小类, resolved by them)
    const scope = (e: CodeEntry) => (list.id === "category" ? `${(e as Category).type}/${(e as Category).level}` : "");
    const names = new Map<string, CodeEntry>();
    for (const e of list.entries) {
      for (const n of [e.name, ...(e.aliases ?? [])]) {
        const key = `${scope(e)}\u0000${normalizeName(n)}`;
        const prev = names.get(key);
        if (prev && prev.code !== e.code) throw fault(list, e, `名称或别名“${n}”同时属于“${prev.name}”（${prev.code}）和“${e.name}”（${e.code}），请只保留一处`);
        names.set(key, e);
      }
    }
    const required = REQUIRED_CODES[list.id];
    for (const code of required?.codes ?? []) {
      if (!codes.has(code)) throw fault(list, null, `缺少代码“${code}”：程序用它计算${required!.why}，请恢复该条目（可以改名称、加别名，但不要改代码）`);
    }
  }
  const streets = new Set(book.lists.street.entries.map((e) => e.code));
  for (const id of ["community", "squad"] as const) {
    for (const e of book.lists[id].entries) {
      if (e.parent !== undefined && !streets.has(e.parent)) throw fault(book.lists[id], e, `上级街道代码“${e.parent}”不在 street.yaml 中`);
    }
  }
  if (book.lists.community.entries.some((e) => e.parent === undefined)) {
    throw fault(book.lists.community, book.lists.community.entries.find((e) => e.parent === undefined)!, "社区必须写 parent（所属街道代码）");
  }
  const categories = categoriesOf(book);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  for (const c of categories) {
    if (c.level === "minor") {
      const parent = c.parent === undefined ? undefined : byCode.get(c.parent);
      if (!parent || parent.level !== "major" || parent.type !== c.type) {
        throw fault(book.lists.category, c, `小类“${c.name}”的 parent 应为同一类型（${c.type === "event" ? "事件" : "部件"}）的大类代码`);
      }
    }
  }
}

/**
 * Canonical form used to compare names: NFKC (full-width to half-width, including digits and brackets),
 * whitespace and quotation marks removed.
 */
export function normalizeName(s: string): string {
  return s.normalize("NFKC").replace(/[\s\u3000"'“”‘’「」]/g, "");
}

interface Index {
  byCode: Map<string, CodeEntry>;
  byName: Map<string, CodeEntry>;
}

const indexes = new WeakMap<CodeBook, Map<CodeListId, Index>>();

function indexOf(book: CodeBook, id: CodeListId): Index {
  let perBook = indexes.get(book);
  if (!perBook) indexes.set(book, (perBook = new Map()));
  let idx = perBook.get(id);
  if (!idx) {
    const byCode = new Map<string, CodeEntry>();
    const byName = new Map<string, CodeEntry>();
    for (const entry of book.lists[id].entries) {
      byCode.set(entry.code, entry);
      for (const n of [entry.name, ...(entry.aliases ?? [])]) {
        const key = normalizeName(n);
        // for categories, a major name shared by events and components ("市容环境") resolves to the first (the event)
        if (!byName.has(key)) byName.set(key, entry);
      }
    }
    idx = {byCode, byName};
    perBook.set(id, idx);
  }
  return idx;
}

export function codesOf(book: CodeBook, id: CodeListId): string[] {
  return book.lists[id].entries.map((e) => e.code);
}

export function byCode(book: CodeBook, id: CodeListId, code: string): CodeEntry | undefined {
  return indexOf(book, id).byCode.get(code);
}

/** Entry whose name or alias matches `name` after {@link normalizeName}. */
export function byName(book: CodeBook, id: CodeListId, name: string): CodeEntry | undefined {
  return indexOf(book, id).byName.get(normalizeName(name));
}

export function nameOf(book: CodeBook, id: CodeListId, code: string): string | undefined {
  return byCode(book, id, code)?.name;
}

/** Resolve a raw export value (a code, a name or an alias) to its code; undefined when the list does not know it. */
export function resolveCode(book: CodeBook, id: CodeListId, raw: string): string | undefined {
  const trimmed = raw.normalize("NFKC").trim();
  if (trimmed === "") return undefined;
  return (byCode(book, id, trimmed) ?? byName(book, id, trimmed))?.code;
}

/** The codes of a list whose attribute equals `value` (stage = closed, satisfied = true, …). */
export function codesWith(book: CodeBook, id: CodeListId, attribute: string, value: AttributeValue): string[] {
  return book.lists[id].entries.filter((e) => e.attributes?.[attribute] === value).map((e) => e.code);
}

const categoryCache = new WeakMap<CodeBook, {all: Category[]; byCode: Map<string, Category>}>();

function categoryIndex(book: CodeBook) {
  let c = categoryCache.get(book);
  if (!c) {
    const all = book.lists.category.entries as Category[];
    c = {all, byCode: new Map(all.map((x) => [x.code, x]))};
    categoryCache.set(book, c);
  }
  return c;
}

export function categoriesOf(book: CodeBook): readonly Category[] {
  return categoryIndex(book).all;
}

/** The category with this canonical code. */
export function categoryByCode(book: CodeBook, code: string): Category | undefined {
  return categoryIndex(book).byCode.get(code);
}

/**
 * One category cell (大类 or 小类) as a category of the given level: by canonical code (E0510), platform number (0510),
 * name or alias. With a problem type the search stays within it; without (an unknown 问题类型) events come first.
 */
export function findCategory(book: CodeBook, raw: string, level: "major" | "minor", type: ProblemType | null): Category | undefined {
  const v = normalizeName(raw);
  const pool = categoryIndex(book).all;
  const matches = (c: Category) =>
    c.level === level && (c.code === v || c.gb === v || normalizeName(c.name) === v || (c.aliases ?? []).some((a) => normalizeName(a) === v));
  if (type) return pool.find((c) => c.type === type && matches(c));
  return pool.find((c) => c.type === "event" && matches(c)) ?? pool.find((c) => c.type === "component" && matches(c));
}

/** A known entry close to a new value, to suggest in the report: the best name or alias by edit distance. */
export interface Closest {
  code: string;
  name: string;
  /** 0..1, 1 for the same text after normalizing. */
  similarity: number;
}

/** Adjacent character pairs: Chinese unit names share them where an abbreviation drops characters (环卫所, 区环卫中心). */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/**
 * How alike two normalized names are, 0..1: the better of the edit distance relative to the longer text (fastest-
 * levenshtein) and the Dice coefficient of their character pairs. Edit distance alone ranks 魏都区环卫所 as near to
 * 区园林绿化中心 as to 区环卫中心; the shared pairs (区环, 环卫) tell them apart.
 */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const edit = 1 - distance(a, b) / Math.max(a.length, b.length);
  const pa = bigrams(a);
  const pb = bigrams(b);
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  const dice = pa.size + pb.size ? (2 * shared) / (pa.size + pb.size) : 0;
  return Math.max(edit, dice);
}

/** The known entry whose name or an alias is nearest to `value` ({@link nameSimilarity}), or null when none is near. */
export function closestEntry(book: CodeBook, id: CodeListId, value: string): Closest | null {
  const v = normalizeName(value);
  let best: Closest | null = null;
  for (const e of book.lists[id].entries) {
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      const similarity = Math.round(nameSimilarity(normalizeName(n), v) * 100) / 100;
      if (!best || similarity > best.similarity) best = {code: e.code, name: e.name, similarity};
    }
  }
  return best && best.similarity >= 0.3 ? best : null;
}

let shared: CodeBook | null = null;

/**
 * The book of the default folder (data/codes or $CHENGGUAN_CODES), read once per process: for the sample generator,
 * the data dictionary and tests. The ingest reads its own book (IngestOptions.codes) and passes it on.
 */
export function defaultCodeBook(): CodeBook {
  shared ??= loadCodeBook();
  return shared;
}
