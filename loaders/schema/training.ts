import { defineSource } from "./define.ts";

export const training = defineSource({
  source: "training",
  label: "培训",
  description: "执法业务、法律法规、法制审核培训登记表。没有编号列，记录编号由日期和主题拼成。",
  folder: "training",
  idField: "record_id",
  idParts: ["date", "topic"],
  dateField: "date",
  fields: [
    { name: "record_id", label: "记录编号", type: "string", required: true, aliases: [], derived: "日期|主题（规范化后的值）" },
    { name: "date", label: "日期", type: "date", required: true, aliases: ["日期", "培训日期", "培训时间"] },
    { name: "topic", label: "主题", type: "string", required: true, aliases: ["主题", "培训主题", "培训内容"] },
    { name: "type", label: "类型", type: "code", required: false, codeList: "training_type", aliases: ["类型", "培训类型", "类别"] },
    { name: "participants", label: "参训人数", type: "integer", required: false, min: 0, aliases: ["参训人数", "参加人数", "人数"] },
    { name: "hours", label: "学时", type: "number", required: false, min: 0, aliases: ["学时", "时长（小时）"] },
    { name: "organizer", label: "组织单位", type: "string", required: false, aliases: ["组织单位", "主办单位", "承办科室"] },
    { name: "location", label: "地点", type: "string", required: false, aliases: ["地点", "培训地点"] }
  ]
});
