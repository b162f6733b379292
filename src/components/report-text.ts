/**
 * The statistical sentences of the bureau's annual rule-of-law report, written from data in
 * the report's own style. Pure functions of the annual figures (loaders/publish/annual.ts).
 */
import type {AnnualFigures} from "../../loaders/publish/annual.ts";

export type {AnnualFigures};

export interface Sentence {
  id: string;
  topic: string;
  text: string;
}

const n = (x: number | null | undefined) => (x ?? 0).toLocaleString("zh-CN");
const pct = (x: number | null | undefined) => (x == null ? "—" : `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`);
const LEVEL_ORDER = ["国家级", "省级", "市级", "区级"];

export function reportSentences(figures: AnnualFigures, year: number): Sentence[] {
  const m = figures.metrics[year] ?? {};
  const v = (id: string) => m[id]?.value ?? null;
  const b = (name: string) => figures.breakdowns[name]?.[year] ?? [];
  const sentences: Sentence[] = [];

  sentences.push({
    id: "enforcement",
    topic: "执法文书",
    text: `${year}年以来，共下达各类《城市管理行政意见指导书》${n(v("guidance_documents"))}份、《责令停止（改正）违法行为通知书》${n(v("rectification_orders"))}份，《行政处罚决定书》${n(v("penalty_decisions"))}份，申请法院强制执行${n(v("enforcement_applications"))}件。`
  });

  const levels = b("publicity_levels");
  const total = levels.reduce((s, d) => s + d.n, 0);
  const parts = LEVEL_ORDER.map((level) => `${level}${n(levels.find((d) => d.label === level)?.n ?? 0)}篇`);
  sentences.push({id: "publicity", topic: "宣传信息", text: `${year}年我局共发表宣传信息${n(total)}篇，其中${parts.join("，")}。`});

  const themes = b("activity_themes");
  if (themes.length > 0) {
    const count = themes.reduce((s, d) => s + d.n, 0);
    const people = themes.reduce((s, d) => s + (d.extra ?? 0), 0);
    sentences.push({id: "activities", topic: "普法活动", text: `${year}年共开展${themes.slice(0, 6).map((d) => `“${d.label}”`).join("、")}等各类普法宣传活动${n(count)}场，参与群众${n(people)}人次。`});
  }

  const trainings = b("training_types");
  if (trainings.length > 0) {
    sentences.push({id: "training", topic: "培训", text: `${year}年组织${trainings.map((d) => `${d.label}培训${n(d.n)}场`).join("、")}，共${n(v("training_sessions"))}场、参训${n(v("training_participants"))}人次。`});
  }

  const review = m.legal_review_rate;
  if (review?.denominator) {
    sentences.push({id: "legal_review", topic: "法制审核", text: `${year}年办理普通程序案件${n(review.denominator)}件，经法制审核${n(review.numerator)}件，法制审核率${pct(review.value)}；执法全过程记录率${pct(v("full_process_record_rate"))}，罚款金额合计${n(v("fine_total"))}元。`});
  }

  const categories = b("review_categories");
  if (categories.length > 0 || m.correction_rate?.denominator) {
    const head = m.head_appearance_rate;
    sentences.push({
      id: "review",
      topic: "复议诉讼",
      text: `${year}年共收到${categories.map((d) => `${d.label}${n(d.n)}件`).join("、") || "复议诉讼案件0件"}；审结${n(m.correction_rate?.denominator)}件，其中被纠错${n(m.correction_rate?.numerator)}件，纠错率${pct(v("correction_rate"))}；${head?.denominator ? `开庭审理的行政诉讼案件${n(head.denominator)}件，负责人出庭应诉${n(head.numerator)}件，出庭应诉率${pct(head.value)}。` : "无开庭审理的行政诉讼案件。"}`
    });
  }

  const closeRate = m.close_rate;
  if (closeRate?.denominator) {
    sentences.push({id: "platform", topic: "数字城管", text: `${year}年数字化城市管理平台共受理有效上报案卷${n(m.registration_rate?.denominator)}件，立案${n(m.registration_rate?.numerator)}件，立案率${pct(v("registration_rate"))}；结案${n(closeRate.numerator)}件，结案率${pct(closeRate.value)}，按期结案率${pct(v("ontime_close_rate"))}。`});
  }

  const channels = b("hotline_channels");
  if (channels.length > 0) {
    sentences.push({id: "hotline", topic: "热线诉求", text: `${year}年依托“城管12319”“12345”热线共受理群众诉求${n(channels.reduce((s, d) => s + d.n, 0))}件（${channels.map((d) => `${d.label}${n(d.n)}件`).join("，")}），办结率${pct(v("hotline_completion_rate"))}，满意率${pct(v("hotline_satisfaction_rate"))}。`});
  }
  return sentences;
}
