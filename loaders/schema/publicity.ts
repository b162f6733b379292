import { defineSource, expects } from "./define.ts";

export const publicity = defineSource({
  source: "publicity",
  label: "宣传信息和普法活动",
  description:
    "宣传普法登记表：一张表两类记录，由“记录类型”区分。宣传信息（item）为发表的稿件，须有媒体和级别；普法活动（activity）为开展的活动，有主题、地点和参与人数。没有编号列，记录编号由类型、日期、媒体、标题拼成。",
  folder: "publicity",
  idField: "record_id",
  idParts: ["kind", "date", "media", "title"],
  dateField: "date",
  fields: [
    { name: "record_id", label: "记录编号", type: "string", required: true, aliases: [], derived: "记录类型|日期|媒体|标题（规范化后的值，缺失为空串）" },
    { name: "kind", label: "记录类型", type: "code", required: false, codeList: "publicity_kind", aliases: ["记录类型", "登记类型", "类别"] },
    { name: "title", label: "标题", type: "string", required: true, aliases: ["标题", "稿件标题", "信息标题", "活动名称"] },
    { name: "date", label: "发布日期", type: "date", required: true, aliases: ["发布日期", "日期", "活动日期", "刊发日期"], description: "宣传信息的发布日期或普法活动的日期" },
    { name: "media", label: "媒体", type: "string", required: false, aliases: ["媒体", "发布媒体", "刊发媒体", "发布平台"] },
    { name: "level", label: "级别", type: "code", required: false, codeList: "publicity_level", aliases: ["级别", "媒体级别", "发布级别"] },
    { name: "theme", label: "活动主题", type: "code", required: false, codeList: "activity_theme", aliases: ["活动主题", "主题", "普法主题"] },
    { name: "location", label: "活动地点", type: "string", required: false, aliases: ["活动地点", "地点"] },
    { name: "participants", label: "参与人数", type: "integer", required: false, min: 0, aliases: ["参与人数", "参加人数", "受众人数"] },
    { name: "url", label: "链接", type: "string", required: false, aliases: ["链接", "原文链接", "网址"] }
  ],
  rules: [
    expects("item_has_level", "kind", (v) => v === "item", "level", "宣传信息没有级别"),
    expects("item_has_media", "kind", (v) => v === "item", "media", "宣传信息没有媒体")
  ]
});
