import { defineSource, notBefore } from "./define.ts";

export const documents = defineSource({
  source: "documents",
  label: "执法文书",
  description: "执法文书登记台账，按文书编号去重；送达后同一文书会带着送达日期再次出现。",
  folder: "documents",
  idField: "doc_no",
  dateField: "issued_on",
  fields: [
    { name: "doc_no", label: "文书编号", type: "string", required: true, aliases: ["文书编号", "文书号", "文号"] },
    { name: "doc_type", label: "文书类型", type: "code", required: false, codeList: "document_type", aliases: ["文书类型", "文书名称", "文书种类"] },
    { name: "case_no", label: "案号", type: "string", required: false, aliases: ["案号", "关联案号", "案件编号"], description: "立案前开具的指导书、通知书没有案号" },
    { name: "issued_on", label: "签发日期", type: "date", required: true, aliases: ["签发日期", "开具日期", "制作日期", "文书日期"] },
    { name: "served_on", label: "送达日期", type: "date", required: false, aliases: ["送达日期", "送达时间"] },
    { name: "party_name", label: "当事人", type: "string", required: false, personal: "name", aliases: ["当事人", "相对人", "行政相对人"] },
    { name: "street", label: "所属街道", type: "code", required: false, codeList: "street", aliases: ["所属街道", "街道"] },
    { name: "squad", label: "承办中队", type: "code", required: false, codeList: "squad", aliases: ["承办中队", "中队", "开具单位"] }
  ],
  rules: [notBefore("served_after_issued", "served_on", "issued_on", "送达日期早于签发日期")]
});
