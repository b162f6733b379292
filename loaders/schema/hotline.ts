import { defineSource, notBefore, expects } from "./define.ts";

export const hotline = defineSource({
  source: "hotline",
  label: "热线工单",
  description: "12319、12345 热线转办的城管类工单，每月一个文件；办结、回访后同一工单会再次出现。",
  folder: "hotline",
  idField: "order_no",
  dateField: "received_at",
  fields: [
    { name: "order_no", label: "工单编号", type: "string", required: true, aliases: ["工单编号", "工单号", "受理编号"] },
    { name: "channel", label: "来源", type: "code", required: false, codeList: "hotline_source", aliases: ["来源", "热线来源", "工单来源", "渠道"] },
    { name: "received_at", label: "受理时间", type: "datetime", required: true, aliases: ["受理时间", "来电时间", "登记时间"] },
    { name: "topic", label: "诉求类型", type: "code", required: false, codeList: "hotline_topic", aliases: ["诉求类型", "诉求分类", "问题分类"] },
    { name: "kind", label: "工单类型", type: "code", required: false, codeList: "request_kind", aliases: ["工单类型", "诉求性质"] },
    { name: "content", label: "诉求内容", type: "string", required: false, personal: "free_text", aliases: ["诉求内容", "反映内容", "来电内容"] },
    { name: "street", label: "所属街道", type: "code", required: false, codeList: "street", aliases: ["所属街道", "街道", "办理街道"] },
    { name: "address", label: "诉求地址", type: "string", required: false, personal: "address", aliases: ["诉求地址", "事发地址", "地址"] },
    { name: "responded_at", label: "签收时间", type: "datetime", required: false, aliases: ["签收时间", "首次响应时间", "响应时间"] },
    { name: "closed_at", label: "办结时间", type: "datetime", required: false, aliases: ["办结时间", "办理完成时间"] },
    { name: "status", label: "工单状态", type: "code", required: false, codeList: "hotline_status", aliases: ["工单状态", "办理状态", "状态"] },
    { name: "completed", label: "已办结", type: "boolean", required: false, aliases: [], derived: "有办结时间，或工单状态在代码表中为已办结（completed: true）" },
    { name: "result", label: "办理结果", type: "code", required: false, codeList: "hotline_result", aliases: ["办理结果", "处理结果"] },
    { name: "satisfaction", label: "满意度", type: "code", required: false, codeList: "satisfaction", aliases: ["满意度", "回访满意度", "回访结果"] },
    { name: "caller_name", label: "来电人", type: "string", required: false, personal: "name", aliases: ["来电人", "诉求人", "联系人"] },
    { name: "caller_phone", label: "来电号码", type: "string", required: false, personal: "phone", aliases: ["来电号码", "来电电话", "联系电话"] },
    { name: "platform_case_id", label: "转派案卷编号", type: "string", required: false, aliases: ["转派案卷编号", "数字城管案卷编号", "关联案卷编号"], description: "转数字城管平台立案的案卷编号" }
  ],
  rules: [
    notBefore("responded_after_received", "responded_at", "received_at", "签收时间早于受理时间"),
    notBefore("closed_after_received", "closed_at", "received_at", "办结时间早于受理时间"),
    expects("result_has_close", "result", () => true, "closed_at", "有办理结果但没有办结时间")
  ]
});
