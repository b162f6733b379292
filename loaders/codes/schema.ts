/**
 * The shape of the bureau's code-list files (data/codes/<list>.yaml) and header file (data/codes/headers.yaml), and
 * what the program itself needs from them: the semantic attributes a metric reads, and the codes it refers to.
 */
import {z} from "zod";
import type {CodeListId} from "./types.ts";

/**
 * The lifecycle of a 数字城管 case (GB/T 30428: 上报 → 立案 → 派遣 → 处置 → 结案), in order, with its two ends that are
 * not 立案: 不予立案 (a valid report not filed: counted in 有效上报, not in 立案) and 作废 (not a valid report). A platform
 * status names the stage it implies; the timestamps decide first (loaders/derive.ts).
 */
export const PLATFORM_STAGES = ["reported", "not_filed", "registered", "dispatched", "handled", "closed", "void"] as const;
export type PlatformStage = (typeof PLATFORM_STAGES)[number];
export const PLATFORM_STAGE_NAMES: Record<PlatformStage, string> = {
  reported: "上报",
  not_filed: "不予立案",
  registered: "立案",
  dispatched: "派遣",
  handled: "处置完成",
  closed: "结案",
  void: "作废"
};

/** The attributes an entry of each list may carry, which metrics and pages read instead of fixed codes. */
export const ATTRIBUTES: Partial<Record<CodeListId, Record<string, z.ZodType<string | number | boolean>>>> = {
  platform_status: {stage: z.enum(PLATFORM_STAGES)},
  hotline_status: {completed: z.boolean()},
  hotline_result: {resolved: z.boolean()},
  satisfaction: {satisfied: z.boolean(), rated: z.boolean()},
  review_outcome: {corrective: z.boolean()},
  document_type: {ladder: z.number().int().min(1)}
};

/** Codes the program refers to by code (in a metric, a rule or a page): a list file must keep them. */
export const REQUIRED_CODES: Partial<Record<CodeListId, {codes: readonly string[]; why: string}>> = {
  problem_type: {codes: ["event", "component"], why: "事件、部件类别的识别"},
  party_type: {codes: ["natural_person", "organization"], why: "当事人姓名的脱敏（自然人显示为“张某”）"},
  procedure_type: {codes: ["simple", "general"], why: "法制审核率（普通程序案件）"},
  document_type: {codes: ["guidance", "rectification_order", "penalty_decision", "enforcement_application"], why: "执法文书份数指标和年度报告"},
  publicity_kind: {codes: ["item", "activity"], why: "宣传信息篇数和普法活动场次"},
  review_category: {codes: ["reconsideration"], why: "负责人出庭应诉率（只计行政诉讼）"},
  case_status: {codes: ["open", "closed"], why: "案件状态由结案日期推定"}
};

const text = z.string().trim().min(1);
/** YAML reads 001 or 0501 without quotes as a number; a code is text either way. */
const codeText = z.union([text, z.number().transform(String)]);

const baseEntry = {
  code: codeText,
  name: text,
  aliases: z.array(codeText).optional(),
  parent: codeText.optional(),
  description: z.string().optional()
};

/** One list file. Attributes are checked per list: an attribute another list uses is an unknown key here. */
export function listFileSchema(id: CodeListId) {
  const extra: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(ATTRIBUTES[id] ?? {})) extra[k] = v.optional();
  if (id === "category") {
    extra.type = z.enum(["event", "component"]);
    extra.level = z.enum(["major", "minor"]);
    extra.gb = codeText;
  }
  if (id === "street") extra.center = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional();
  return z
    .object({
      label: text,
      description: z.string().default(""),
      standard: z.string().optional(),
      entries: z.array(z.object({...baseEntry, ...extra}).strict()).min(1)
    })
    .strict();
}

/**
 * data/codes/headers.yaml: per source, per field, header texts accepted besides the built-in ones, e.g.
 * `platform: {status: [问题状态, 处理阶段]}`.
 */
export const HeadersFile = z.record(z.string(), z.record(z.string(), z.array(text)).nullable()).nullable();
