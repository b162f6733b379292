/** A metric the dashboard computes; plan targets refer to metrics by `id`. */
export interface MetricDef {
  id: string;
  name: string;
  unit: "%" | "件" | "份" | "篇" | "场" | "人次" | "元" | "小时";
  source: "platform" | "cases" | "documents" | "review" | "hotline" | "publicity" | "training";
  /** Definition in Chinese, with the denominator where there is one. */
  definition: string;
}

/** Fines at or above this amount (元) count as 大额罚款 for 集体讨论率. */
export const LARGE_FINE_THRESHOLD = 10000;

export const METRICS: readonly MetricDef[] = [
  { id: "registration_rate", name: "立案率", unit: "%", source: "platform", definition: "立案数 / 有效上报数（不含作废）" },
  { id: "ontime_dispatch_rate", name: "按期派遣率", unit: "%", source: "platform", definition: "立案后 1 小时内派遣数 / 应派遣数" },
  { id: "ontime_handle_rate", name: "按期处置率", unit: "%", source: "platform", definition: "处置完成时间不晚于处置截止时间的案卷数 / 应处置数" },
  { id: "close_rate", name: "结案率", unit: "%", source: "platform", definition: "结案数 / 应结案数（已立案且未作废）" },
  { id: "ontime_close_rate", name: "按期结案率", unit: "%", source: "platform", definition: "按期处置且已结案数 / 应结案数" },
  { id: "rework_rate", name: "返工率", unit: "%", source: "platform", definition: "返工次数大于 0 的案卷数 / 应结案数" },
  { id: "extension_rate", name: "延期率", unit: "%", source: "platform", definition: "延期次数大于 0 的案卷数 / 应处置数" },
  { id: "handling_hours_median", name: "处置时长中位数", unit: "小时", source: "platform", definition: "派遣至处置完成的小时数的中位数" },
  { id: "handling_hours_p90", name: "处置时长90分位", unit: "小时", source: "platform", definition: "派遣至处置完成的小时数的 90% 分位数" },
  { id: "guidance_documents", name: "行政意见指导书", unit: "份", source: "documents", definition: "签发日期在期内的城市管理行政意见指导书份数（按文书编号去重）" },
  { id: "rectification_orders", name: "责令停止（改正）违法行为通知书", unit: "份", source: "documents", definition: "签发日期在期内的责令停止（改正）违法行为通知书份数" },
  { id: "penalty_decisions", name: "行政处罚决定书", unit: "份", source: "documents", definition: "签发日期在期内的行政处罚决定书份数" },
  { id: "enforcement_applications", name: "申请法院强制执行", unit: "件", source: "documents", definition: "签发日期在期内的强制执行申请书份数" },
  { id: "legal_review_rate", name: "法制审核率", unit: "%", source: "cases", definition: "经法制审核的普通程序案件数 / 普通程序案件数（按立案日期）" },
  { id: "collective_discussion_rate", name: "集体讨论率", unit: "%", source: "cases", definition: `经集体讨论的大额罚款案件数 / 罚款金额 ≥ ${LARGE_FINE_THRESHOLD} 元的案件数` },
  { id: "full_process_record_rate", name: "执法全过程记录率", unit: "%", source: "cases", definition: "有执法全过程音像记录的案件数 / 立案案件数" },
  { id: "penalty_disclosure_rate", name: "行政处罚信息公示率", unit: "%", source: "cases", definition: "已公示的作出罚款的案件数 / 作出罚款的案件数" },
  { id: "fine_total", name: "罚款金额合计", unit: "元", source: "cases", definition: "立案日期在期内案件的罚款金额之和" },
  { id: "correction_rate", name: "纠错率", unit: "%", source: "review", definition: "（撤销 + 确认违法 + 责令履行 + 变更）/ 审结数（按审结日期）" },
  { id: "head_appearance_rate", name: "负责人出庭应诉率", unit: "%", source: "review", definition: "负责人出庭的行政诉讼案件数 / 已开庭的行政诉讼案件数" },
  { id: "review_cases", name: "复议诉讼案件数", unit: "件", source: "review", definition: "收案日期在期内的行政复议和行政诉讼案件数" },
  { id: "hotline_completion_rate", name: "热线办结率", unit: "%", source: "hotline", definition: "已办结（含已回访）工单数 / 受理工单数" },
  { id: "hotline_resolution_rate", name: "热线解决率", unit: "%", source: "hotline", definition: "办理结果为解决的工单数 / 已办结工单数" },
  { id: "hotline_satisfaction_rate", name: "热线满意率", unit: "%", source: "hotline", definition: "（非常满意 + 满意）/ 有满意度评价的工单数" },
  { id: "publicity_items", name: "宣传信息", unit: "篇", source: "publicity", definition: "发布日期在期内的宣传信息篇数" },
  { id: "legal_education_activities", name: "普法活动", unit: "场", source: "publicity", definition: "日期在期内的普法活动场次" },
  { id: "training_sessions", name: "培训场次", unit: "场", source: "training", definition: "日期在期内的培训场次" },
  { id: "training_participants", name: "参训人次", unit: "人次", source: "training", definition: "日期在期内培训的参训人数之和" }
];

export function metricById(id: string): MetricDef | undefined {
  return METRICS.find((m) => m.id === id);
}
