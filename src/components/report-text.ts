/**
 * The statistical sentences of the bureau's annual rule-of-law report, written from data in
 * the report's own style. Pure functions of the annual figures (loaders/publish/annual.ts).
 */
import type {AnnualFigures} from "../../loaders/publish/annual.ts";
import {countChangeText, rateChangeText} from "./change-text.js";
import {formatNumber} from "./number-format.js";

export type {AnnualFigures};

export interface Sentence {
  id: string;
  topic: string;
  text: string;
  /** The change on the year before, as a sentence of its own ("与2023年相比，……。"), when that year has data. */
  comparison?: string;
}

const n = (x: number | null | undefined) => formatNumber(x ?? 0);
const pct = (x: number | null | undefined) => (x == null ? "—" : `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`);
const LEVEL_ORDER = ["国家级", "省级", "市级", "区级"];

/** "与2023年相比，A增加…、B持平。" from the changes that can be stated; undefined when none can. */
function compared(year: number, changes: [string, string | null][]): string | undefined {
  const stated = changes.filter((c): c is [string, string] => c[1] != null);
  return stated.length > 0 ? `与${year - 1}年相比，${stated.map(([what, change]) => `${what}${change}`).join("，")}。` : undefined;
}

export function reportSentences(figures: AnnualFigures, year: number): Sentence[] {
  const m = figures.metrics[year] ?? {};
  const v = (id: string) => m[id]?.value ?? null;
  const b = (name: string) => figures.breakdowns[name]?.[year] ?? [];
  const hasPrevious = figures.years.includes(year - 1);
  const pm = hasPrevious ? (figures.metrics[year - 1] ?? {}) : {};
  const pv = (id: string) => pm[id]?.value ?? null;
  const pb = (name: string) => (hasPrevious ? (figures.breakdowns[name]?.[year - 1] ?? []) : null);
  /** A breakdown's total; null for a year without any of its records (nothing to compare with). */
  const sum = (list: {n: number; extra?: number}[] | null, of: (d: {n: number; extra?: number}) => number = (d) => d.n) => (list == null || list.length === 0 ? null : list.reduce((s, d) => s + of(d), 0));
  /** A count that the previous year had (null when that year is not in the data). */
  const pc = (id: string) => (hasPrevious ? pv(id) : null);
  const sentences: Sentence[] = [];

  sentences.push({
    id: "enforcement",
    topic: "执法文书",
    text: `${year}年以来，共下达各类《城市管理行政意见指导书》${n(v("guidance_documents"))}份、《责令停止（改正）违法行为通知书》${n(v("rectification_orders"))}份，《行政处罚决定书》${n(v("penalty_decisions"))}份，申请法院强制执行${n(v("enforcement_applications"))}件。`,
    comparison: compared(year, [
      ["行政意见指导书", countChangeText(v("guidance_documents"), pc("guidance_documents"), "份")],
      ["责令停止（改正）违法行为通知书", countChangeText(v("rectification_orders"), pc("rectification_orders"), "份")],
      ["行政处罚决定书", countChangeText(v("penalty_decisions"), pc("penalty_decisions"), "份")],
      ["申请法院强制执行", countChangeText(v("enforcement_applications"), pc("enforcement_applications"), "件")]
    ])
  });

  const levels = b("publicity_levels");
  const total = levels.reduce((s, d) => s + d.n, 0);
  const parts = LEVEL_ORDER.map((level) => `${level}${n(levels.find((d) => d.label === level)?.n ?? 0)}篇`);
  sentences.push({id: "publicity", topic: "宣传信息", text: `${year}年我局共发表宣传信息${n(total)}篇，其中${parts.join("，")}。`, comparison: compared(year, [["宣传信息", countChangeText(total, sum(pb("publicity_levels")), "篇")]])});

  const themes = b("activity_themes");
  if (themes.length > 0) {
    const count = themes.reduce((s, d) => s + d.n, 0);
    const people = themes.reduce((s, d) => s + (d.extra ?? 0), 0);
    const before = pb("activity_themes");
    sentences.push({
      id: "activities",
      topic: "普法活动",
      text: `${year}年共开展${themes.slice(0, 6).map((d) => `“${d.label}”`).join("、")}等各类普法宣传活动${n(count)}场，参与群众${n(people)}人次。`,
      comparison: compared(year, [["普法宣传活动", countChangeText(count, sum(before), "场")], ["参与群众", countChangeText(people, sum(before, (d) => d.extra ?? 0), "人次")]])
    });
  }

  const trainings = b("training_types");
  if (trainings.length > 0) {
    sentences.push({
      id: "training",
      topic: "培训",
      text: `${year}年组织${trainings.map((d) => `${d.label}培训${n(d.n)}场`).join("、")}，共${n(v("training_sessions"))}场、参训${n(v("training_participants"))}人次。`,
      comparison: compared(year, [["培训", countChangeText(v("training_sessions"), pc("training_sessions"), "场")], ["参训", countChangeText(v("training_participants"), pc("training_participants"), "人次")]])
    });
  }

  const review = m.legal_review_rate;
  if (review?.denominator) {
    sentences.push({
      id: "legal_review",
      topic: "法制审核",
      text: `${year}年办理普通程序案件${n(review.denominator)}件，经法制审核${n(review.numerator)}件，法制审核率${pct(review.value)}；执法全过程记录率${pct(v("full_process_record_rate"))}，罚款金额合计${n(v("fine_total"))}元。`,
      comparison: compared(year, [
        ["普通程序案件", countChangeText(review.denominator, pm.legal_review_rate?.denominator, "件")],
        ["法制审核率", rateChangeText(review.value, pv("legal_review_rate"))],
        ["执法全过程记录率", rateChangeText(v("full_process_record_rate"), pv("full_process_record_rate"))]
      ])
    });
  }

  const categories = b("review_categories");
  if (categories.length > 0 || m.correction_rate?.denominator) {
    const head = m.head_appearance_rate;
    sentences.push({
      id: "review",
      topic: "复议诉讼",
      text: `${year}年共收到${categories.map((d) => `${d.label}${n(d.n)}件`).join("、") || "复议诉讼案件0件"}；审结${n(m.correction_rate?.denominator)}件，其中被纠错${n(m.correction_rate?.numerator)}件，纠错率${pct(v("correction_rate"))}；${head?.denominator ? `开庭审理的行政诉讼案件${n(head.denominator)}件，负责人出庭应诉${n(head.numerator)}件，出庭应诉率${pct(head.value)}。` : "无开庭审理的行政诉讼案件。"}`,
      comparison: compared(year, [
        ["复议诉讼案件", countChangeText(sum(categories), sum(pb("review_categories")), "件")],
        ["纠错率", rateChangeText(v("correction_rate"), pv("correction_rate"))],
        ["出庭应诉率", rateChangeText(head?.value, pv("head_appearance_rate"))]
      ])
    });
  }

  const closeRate = m.close_rate;
  if (closeRate?.denominator) {
    sentences.push({
      id: "platform",
      topic: "数字城管",
      text: `${year}年数字化城市管理平台共受理有效上报案卷${n(m.registration_rate?.denominator)}件，立案${n(m.registration_rate?.numerator)}件，立案率${pct(v("registration_rate"))}；结案${n(closeRate.numerator)}件，结案率${pct(closeRate.value)}，按期结案率${pct(v("ontime_close_rate"))}。`,
      comparison: compared(year, [
        ["有效上报案卷", countChangeText(m.registration_rate?.denominator, pm.registration_rate?.denominator, "件")],
        ["结案率", rateChangeText(closeRate.value, pv("close_rate"))],
        ["按期结案率", rateChangeText(v("ontime_close_rate"), pv("ontime_close_rate"))]
      ])
    });
  }

  const channels = b("hotline_channels");
  if (channels.length > 0) {
    sentences.push({
      id: "hotline",
      topic: "热线诉求",
      text: `${year}年依托“城管12319”“12345”热线共受理群众诉求${n(sum(channels))}件（${channels.map((d) => `${d.label}${n(d.n)}件`).join("，")}），办结率${pct(v("hotline_completion_rate"))}，满意率${pct(v("hotline_satisfaction_rate"))}。`,
      comparison: compared(year, [
        ["群众诉求", countChangeText(sum(channels), sum(pb("hotline_channels")), "件")],
        ["办结率", rateChangeText(v("hotline_completion_rate"), pv("hotline_completion_rate"))],
        ["满意率", rateChangeText(v("hotline_satisfaction_rate"), pv("hotline_satisfaction_rate"))]
      ])
    });
  }
  return sentences;
}
