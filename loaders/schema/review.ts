import { defineSource, notBefore, expects } from "./define.ts";

export const review = defineSource({
  source: "review",
  label: "行政复议和行政诉讼",
  description: "以本局为被申请人、被告的行政复议和行政诉讼案件登记表；审结后同一案件带着结果再次出现。",
  folder: "review",
  idField: "review_no",
  dateField: "received_on",
  fields: [
    { name: "review_no", label: "案号", type: "string", required: true, aliases: ["案号", "收案编号", "复议（诉讼）案号"] },
    { name: "category", label: "类别", type: "code", required: false, codeList: "review_category", aliases: ["类别", "案件类别", "类型"] },
    { name: "received_on", label: "收案日期", type: "date", required: true, aliases: ["收案日期", "收案时间", "受理日期"] },
    { name: "decided_on", label: "审结日期", type: "date", required: false, aliases: ["审结日期", "结案日期", "审结时间"] },
    { name: "applicant", label: "申请人/原告", type: "string", required: false, personal: "name", aliases: ["申请人/原告", "申请人（原告）", "申请人", "原告"] },
    { name: "contested_act", label: "被申请行为", type: "string", required: false, personal: "free_text", aliases: ["被申请行为", "被诉行政行为", "被诉行为", "复议（诉讼）事项"] },
    { name: "related_case_no", label: "原案号", type: "string", required: false, aliases: ["原案号", "原执法案号", "关联案号"], description: "被申请（被诉）行政处罚的执法案号" },
    { name: "outcome", label: "结果", type: "code", required: false, codeList: "review_outcome", aliases: ["结果", "审结结果", "裁判结果", "复议结果"] },
    { name: "hearing_on", label: "开庭日期", type: "date", required: false, aliases: ["开庭日期", "开庭时间"], description: "行政诉讼开庭日期；复议案件通常为空" },
    { name: "head_appeared", label: "负责人出庭", type: "boolean", required: false, aliases: ["负责人出庭", "负责人出庭应诉", "机关负责人出庭"] }
  ],
  rules: [
    notBefore("decided_after_received", "decided_on", "received_on", "审结日期早于收案日期"),
    notBefore("hearing_after_received", "hearing_on", "received_on", "开庭日期早于收案日期"),
    expects("outcome_has_date", "outcome", () => true, "decided_on", "有结果但没有审结日期"),
    expects("decided_has_outcome", "decided_on", () => true, "outcome", "有审结日期但没有结果")
  ]
});
