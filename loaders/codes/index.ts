import type { CodeEntry, CodeList, CodeListId } from "./types.ts";
import { COMMUNITY_ENTRIES, STREET_ENTRIES } from "./streets.ts";
import { CATEGORIES, type Category, type ProblemType } from "./categories.ts";
import { DEPARTMENTS, SQUADS } from "./organizations.ts";
import { VIOLATIONS } from "./violations.ts";
import * as en from "./enums.ts";

export type { CodeEntry, CodeList, CodeListId } from "./types.ts";
export type { Street, Community } from "./streets.ts";
export type { Category, ProblemType } from "./categories.ts";
export { STREETS } from "./streets.ts";
export { CATEGORIES } from "./categories.ts";
export { DEPARTMENTS, SQUADS } from "./organizations.ts";
export { VIOLATIONS } from "./violations.ts";
export { CORRECTIVE_OUTCOMES, SATISFIED_LEVELS } from "./enums.ts";
export { METRICS, LARGE_FINE_THRESHOLD, metricById, type MetricDef } from "./metrics.ts";

function list(id: CodeListId, label: string, description: string, entries: readonly CodeEntry[]): CodeList {
  return { id, label, description, entries };
}

export const CODE_LISTS: Readonly<Record<CodeListId, CodeList>> = {
  street: list("street", "街道", "魏都区 11 个街道办事处，代码为统计用区划代码前 9 位。", STREET_ENTRIES),
  community: list("community", "社区", "社区（居委会），代码为所属街道代码 + 3 位序号；parent 为街道代码。", COMMUNITY_ENTRIES),
  problem_source: list("problem_source", "问题来源", "数字城管案卷的问题来源。", en.PROBLEM_SOURCES),
  problem_type: list("problem_type", "问题类型", "事件或部件。", en.PROBLEM_TYPES),
  category: list(
    "category",
    "案件类别",
    "参照 GB/T 30428.2 的事件、部件大类和小类（节选）。代码为类型前缀（E 事件 / C 部件）加国标 2 位大类或 4 位小类编码；小类的 parent 为所属大类。",
    CATEGORIES
  ),
  platform_status: list("platform_status", "当前阶段", "数字城管案卷在导出时所处的阶段。", en.PLATFORM_STATUSES),
  close_type: list("close_type", "结案类型", "数字城管案卷的结案方式。", en.CLOSE_TYPES),
  department: list("department", "处置部门", "数字城管派遣的处置（主责）部门。", DEPARTMENTS),
  party_type: list("party_type", "当事人类型", "行政执法案件当事人类型。", en.PARTY_TYPES),
  squad: list("squad", "承办中队", "行政执法承办中队；街道中队的 parent 为街道代码。", SQUADS),
  procedure_type: list("procedure_type", "程序类型", "行政处罚程序。", en.PROCEDURE_TYPES),
  violation: list("violation", "违法行为", "执法案件登记的违法行为类别，说明列为常用法律依据。", VIOLATIONS),
  execution_status: list("execution_status", "执行情况", "行政处罚决定的执行情况。", en.EXECUTION_STATUSES),
  case_status: list("case_status", "案件状态", "执法案件办理状态。", en.CASE_STATUSES),
  document_type: list("document_type", "文书类型", "执法文书类型。", en.DOCUMENT_TYPES),
  review_category: list("review_category", "类别", "行政复议、行政诉讼一审、二审。", en.REVIEW_CATEGORIES),
  review_outcome: list("review_outcome", "结果", "复议、诉讼的审结结果；说明为“纠错”的计入纠错率分子。", en.REVIEW_OUTCOMES),
  hotline_source: list("hotline_source", "热线来源", "热线工单的来源热线。", en.HOTLINE_SOURCES),
  hotline_topic: list("hotline_topic", "诉求类型", "热线工单的诉求分类。", en.HOTLINE_TOPICS),
  request_kind: list("request_kind", "工单类型", "热线工单的诉求性质。", en.REQUEST_KINDS),
  hotline_status: list("hotline_status", "工单状态", "热线工单在导出时的状态。", en.HOTLINE_STATUSES),
  hotline_result: list("hotline_result", "办理结果", "热线工单的办理结果。", en.HOTLINE_RESULTS),
  satisfaction: list("satisfaction", "满意度", "回访满意度；非常满意、满意计入满意率分子。", en.SATISFACTION_LEVELS),
  publicity_kind: list("publicity_kind", "记录类型", "宣传普法登记表中的记录类型。", en.PUBLICITY_KINDS),
  publicity_level: list("publicity_level", "级别", "宣传信息发布媒体的级别。", en.PUBLICITY_LEVELS),
  activity_theme: list("activity_theme", "活动主题", "普法活动的主题分类。", en.ACTIVITY_THEMES),
  training_type: list("training_type", "培训类型", "培训类型。", en.TRAINING_TYPES)
};

export const CODE_LIST_IDS = Object.keys(CODE_LISTS) as CodeListId[];

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

const indexes = new Map<CodeListId, Index>();

function indexOf(id: CodeListId): Index {
  let idx = indexes.get(id);
  if (!idx) {
    const byCode = new Map<string, CodeEntry>();
    const byName = new Map<string, CodeEntry>();
    for (const entry of CODE_LISTS[id].entries) {
      byCode.set(entry.code, entry);
      for (const n of [entry.name, ...(entry.aliases ?? [])]) {
        const key = normalizeName(n);
        // The first entry wins: for categories, ambiguous major names ("市容环境") resolve to the event major.
        if (!byName.has(key)) byName.set(key, entry);
      }
    }
    idx = { byCode, byName };
    indexes.set(id, idx);
  }
  return idx;
}

export function codesOf(id: CodeListId): string[] {
  return CODE_LISTS[id].entries.map((e) => e.code);
}

export function isCode(id: CodeListId, code: string): boolean {
  return indexOf(id).byCode.has(code);
}

export function byCode(id: CodeListId, code: string): CodeEntry | undefined {
  return indexOf(id).byCode.get(code);
}

/** Entry whose name or alias matches `name` after {@link normalizeName}. */
export function byName(id: CodeListId, name: string): CodeEntry | undefined {
  return indexOf(id).byName.get(normalizeName(name));
}

export function nameOf(id: CodeListId, code: string): string | undefined {
  return byCode(id, code)?.name;
}

/** Resolve a raw export value (a code, a name or an alias) to its code; undefined when unknown. */
export function resolveCode(id: CodeListId, raw: string): string | undefined {
  const trimmed = raw.normalize("NFKC").trim();
  if (trimmed === "") return undefined;
  return (byCode(id, trimmed) ?? byName(id, trimmed))?.code;
}

let categoriesByCode: Map<string, Category> | null = null;

/** The category with this canonical code (a rule looks up two per platform row, hence a map). */
export function categoryByCode(code: string): Category | undefined {
  categoriesByCode ??= new Map(CATEGORIES.map((c) => [c.code, c]));
  return categoriesByCode.get(code);
}

/**
 * Resolve category cells given the row's problem type. `major` and `minor` may be names, aliases,
 * platform numbers ("05", "0510") or canonical codes ("E05", "E0510"). Returns undefined for a value
 * that does not resolve or a minor that does not belong to the major.
 */
export function resolveCategory(
  type: ProblemType,
  major: string | undefined,
  minor: string | undefined
): { major: string; minor: string | undefined } | undefined {
  const pool = CATEGORIES.filter((c) => c.type === type);
  const find = (raw: string, level: "major" | "minor") => {
    const v = normalizeName(raw);
    return pool.find((c) => c.level === level && (c.code === v || c.gb === v || normalizeName(c.name) === v || (c.aliases ?? []).some((a) => normalizeName(a) === v)));
  };
  const mi = minor && minor.trim() !== "" ? find(minor, "minor") : undefined;
  if (minor && minor.trim() !== "" && !mi) return undefined;
  const ma = major && major.trim() !== "" ? find(major, "major") : mi ? pool.find((c) => c.code === mi.parent) : undefined;
  if (!ma) return undefined;
  if (mi && mi.parent !== ma.code) return undefined;
  return { major: ma.code, minor: mi?.code };
}

