/**
 * Reading the bureau's hand-edited YAML files (data/plan/, data/codes/, data/geo/, …) with errors a maintainer can act
 * on: every fault names the file, the line and what is wrong, in Chinese, instead of a parser's stack trace.
 */
import {readFileSync} from "node:fs";
import {LineCounter, parseDocument, type Document} from "yaml";
import type {z} from "zod";

/** A hand-edited configuration file that cannot be used; `message` names the file, the line and the fault. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly fault: string
  ) {
    super(`配置文件 ${file}${line ? ` 第 ${line} 行` : ""}：${fault}`);
  }
}

/** Chinese wording of the `yaml` package's error codes (yaml 2.x `ErrorCode`). */
const PARSE_FAULTS: Record<string, string> = {
  ALIAS_PROPS: "别名（*）不能带标签或锚点",
  BAD_ALIAS: "别名（*）写法有误",
  BAD_DIRECTIVE: "% 指令写法有误",
  BAD_DQ_ESCAPE: "双引号字符串中的转义（\\）写法有误",
  BAD_INDENT: "缩进不正确（同一层级的条目应对齐）",
  BAD_PROP_ORDER: "锚点或标签的位置不正确",
  BAD_SCALAR_START: "值的开头字符不合法（以 @ 或 ` 开头的值请加引号）",
  BLOCK_AS_IMPLICIT_KEY: "冒号前的键写法有误（可能少了冒号后的空格，或缩进不对）",
  BLOCK_IN_FLOW: "方括号或花括号内不能换行写块",
  DUPLICATE_KEY: "同一层级中有重复的键",
  IMPOSSIBLE: "无法解析",
  KEY_OVER_1024_CHARS: "键太长（超过 1024 个字符）",
  MISSING_CHAR: "缺少配对的引号、括号或冒号",
  MULTILINE_IMPLICIT_KEY: "键不能跨行（可能少了冒号，或引号没有闭合）",
  MULTIPLE_ANCHORS: "一个值只能有一个锚点",
  MULTIPLE_DOCS: "文件中有多个文档（---），只能有一个",
  MULTIPLE_TAGS: "一个值只能有一个标签",
  NON_STRING_KEY: "键必须是文字",
  TAB_AS_INDENT: "用了制表符（Tab）缩进，请改用空格",
  TAG_RESOLVE_FAILED: "无法识别的标签（!）",
  UNEXPECTED_TOKEN: "出现了不应有的字符（可能是引号没有闭合，或冒号、短横线的位置不对）"
};

/**
 * Parses YAML text and checks it against `schema`. Throws ConfigError naming `file`, the line and the fault for a
 * syntax error (the first one) or for the first value the schema rejects (located at its key in the text).
 *
 * @param file the name to show in messages (a path relative to the project is best)
 */
export function parseYaml<T>(text: string, file: string, schema: z.ZodType<T>): T {
  return parseYamlLocated(text, file, schema).data;
}

/** A checked YAML document, and the line (1-based) of the value at a path in it, for messages about its content. */
export interface LocatedYaml<T> {
  data: T;
  lineOf(path: (string | number)[]): number | null;
}

/** {@link parseYaml}, keeping the way back from a value to its line. */
export function parseYamlLocated<T>(text: string, file: string, schema: z.ZodType<T>): LocatedYaml<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\ufeff/, ""), {lineCounter, prettyErrors: false, uniqueKeys: true});
  const error = doc.errors[0];
  if (error) {
    const quote = /closing (["'])quote/.exec(error.message)?.[1];
    const line = (quote && openingQuoteLine(text, quote)) || lineCounter.linePos(error.pos[0]).line;
    const fault = quote ? `引号（${quote}）没有闭合` : (PARSE_FAULTS[error.code] ?? `格式错误（${error.code}）`);
    throw new ConfigError(file, line, fault);
  }
  const result = schema.safeParse(doc.toJS(), {reportInput: true});
  if (result.success) return {data: result.data, lineOf: (path) => lineOf(doc, path, lineCounter)};
  const issue = result.error.issues[0];
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  throw new ConfigError(file, lineOf(doc, path, lineCounter), `${describePath(path)}${issueText(issue)}`);
}

/** Reads and checks one YAML file; see {@link parseYaml}. A missing or unreadable file is a ConfigError too. */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>, shownAs = file): T {
  return readYamlFileLocated(file, schema, shownAs).data;
}

/** {@link readYamlFile}, keeping the way back from a value to its line. */
export function readYamlFileLocated<T>(file: string, schema: z.ZodType<T>, shownAs = file): LocatedYaml<T> & {text: string} {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(shownAs, null, code === "ENOENT" ? "文件不存在" : `无法读取（${code ?? String(error)}）`);
  }
  return {...parseYamlLocated(text, shownAs, schema), text};
}

/** The parser reports an unclosed quote where the text ends; the maintainer needs the line where it opened. */
function openingQuoteLine(text: string, quote: string): number | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i].replace(/\s#.*$/, "");
    if ((code.split(quote).length - 1) % 2 === 1) return i + 1;
  }
  return null;
}

/** The line of the deepest node along `path` that exists in the document (1-based), or null. */
function lineOf(doc: Document, path: (string | number)[], lineCounter: LineCounter): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as {range?: [number, number, number]} | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

function describePath(path: (string | number)[]): string {
  if (path.length === 0) return "";
  return `“${path.map((p) => (typeof p === "number" ? `[${p + 1}]` : p)).join(".").replace(/\.\[/g, "[")}”`;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "缺少必填项" : `类型不对（应为${TYPE_WORDS[issue.expected] ?? issue.expected}）`;
    case "unrecognized_keys":
      return `有无法识别的键：${issue.keys.join("、")}`;
    case "invalid_value":
      return `取值不在允许范围内（可选：${issue.values.map(String).join("、")}）`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "string" ? "不能为空" : `不能小于 ${String(issue.minimum)}`;
    case "too_big":
      return `不能大于 ${String(issue.maximum)}`;
    case "invalid_format":
      return "格式不正确";
    default:
      return issue.message;
  }
}

const TYPE_WORDS: Record<string, string> = {string: "文字", number: "数字", boolean: "true/false", array: "列表", object: "键值表", int: "整数"};
