import { defineSource, notBefore, expects } from "./define.ts";

export const cases = defineSource({
  source: "cases",
  label: "行政执法案件",
  description: "行政执法案件登记台账，每月一个文件；案件在结案、申请强制执行等状态变化后会再次出现。",
  folder: "cases",
  idField: "case_no",
  dateField: "filed_on",
  fields: [
    { name: "case_no", label: "案号", type: "string", required: true, aliases: ["案号", "案件编号", "立案编号"] },
    { name: "filed_on", label: "立案日期", type: "date", required: true, aliases: ["立案日期", "立案时间"] },
    { name: "party_name", label: "当事人", type: "string", required: false, personal: "name", aliases: ["当事人", "当事人姓名/名称", "当事人名称", "当事人姓名"], description: "自然人姓名或单位名称；自然人对外显示为“张某”" },
    { name: "party_type", label: "当事人类型", type: "code", required: false, codeList: "party_type", aliases: ["当事人类型", "当事人性质", "主体类型"] },
    { name: "party_id", label: "身份证号/统一社会信用代码", type: "string", required: false, personal: "id_number", aliases: ["身份证号/统一社会信用代码", "身份证号", "证件号码", "统一社会信用代码", "身份证号码"], description: "18 位公民身份号码（GB 11643）或统一社会信用代码（GB 32100）；校验位不符或格式不符的记入质量报告，不拒收；被 Excel 存成数字而丢失末位的置空并记入质量报告" },
    { name: "party_phone", label: "联系电话", type: "string", required: false, personal: "phone", aliases: ["联系电话", "当事人电话", "手机号码"] },
    { name: "party_address", label: "当事人住址", type: "string", required: false, personal: "address", aliases: ["当事人住址", "住址", "住所", "地址"] },
    { name: "violation", label: "违法行为", type: "code", required: false, codeList: "violation", aliases: ["违法行为", "案由", "违法行为类别"] },
    { name: "location", label: "违法地点", type: "string", required: false, personal: "address", aliases: ["违法地点", "案发地点", "违法地址"] },
    { name: "street", label: "所属街道", type: "code", required: false, codeList: "street", aliases: ["所属街道", "街道"] },
    { name: "squad", label: "承办中队", type: "code", required: false, codeList: "squad", aliases: ["承办中队", "中队", "承办单位"] },
    { name: "procedure", label: "程序类型", type: "code", required: false, codeList: "procedure_type", aliases: ["程序类型", "适用程序", "程序"] },
    { name: "legal_review", label: "法制审核", type: "boolean", required: false, aliases: ["法制审核", "是否法制审核", "法制审核情况"] },
    { name: "collective_discussion", label: "集体讨论", type: "boolean", required: false, aliases: ["集体讨论", "是否集体讨论", "集体讨论情况"] },
    { name: "full_process_record", label: "执法全过程记录", type: "boolean", required: false, aliases: ["执法全过程记录", "全过程记录", "音像记录", "是否全过程记录"] },
    { name: "disclosed", label: "信息公示", type: "boolean", required: false, aliases: ["信息公示", "是否公示", "处罚信息公示"] },
    { name: "fine", label: "罚款金额", type: "number", required: false, min: 0, aliases: ["罚款金额", "罚款金额（元）", "罚款数额", "罚款"], description: "元" },
    { name: "execution", label: "执行情况", type: "code", required: false, codeList: "execution_status", aliases: ["执行情况", "履行情况"] },
    { name: "closed_on", label: "结案日期", type: "date", required: false, aliases: ["结案日期", "结案时间"] },
    { name: "status", label: "案件状态", type: "code", required: false, codeList: "case_status", aliases: ["案件状态", "办理状态", "状态"], description: "缺失时由结案日期推定" }
  ],
  rules: [
    notBefore("closed_after_filed", "closed_on", "filed_on", "结案日期早于立案日期"),
    expects("closed_has_date", "status", (v) => v === "closed", "closed_on", "案件状态为已结案但没有结案日期"),
    {
      id: "enforcement_has_fine",
      message: "申请法院强制执行的案件没有罚款金额",
      path: "fine",
      warn: true,
      test: (r) => r.execution !== "court_enforcement" || (typeof r.fine === "number" && r.fine > 0)
    }
  ]
});
