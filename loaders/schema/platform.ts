import { byCode, categoryByCode } from "../codes/index.ts";
import { defineSource, notBefore, requires } from "./define.ts";

export const platform = defineSource({
  source: "platform",
  label: "数字城管案卷",
  description: "数字化城市管理平台导出的案卷明细，每月一个文件；同一案卷在状态变化后会出现在以后月份的文件中，以最新状态为准。",
  folder: "platform",
  idField: "case_id",
  dateField: "reported_at",
  fields: [
    { name: "case_id", label: "案卷编号", type: "string", required: true, aliases: ["案卷编号", "案件号", "任务号", "案件编号", "案卷号"] },
    { name: "source", label: "问题来源", type: "code", required: true, codeList: "problem_source", aliases: ["问题来源", "案件来源", "来源"] },
    { name: "problem_type", label: "问题类型", type: "code", required: true, codeList: "problem_type", aliases: ["问题类型", "案件类型", "类型"] },
    { name: "category_major", label: "大类", type: "code", required: true, codeList: "category", aliases: ["大类名称", "大类", "案件大类", "大类编码"], description: "名称或平台编码，按问题类型解析为 E/C 前缀代码" },
    { name: "category_minor", label: "小类", type: "code", required: true, codeList: "category", aliases: ["小类名称", "小类", "案件小类", "小类编码"] },
    { name: "street", label: "街道", type: "code", required: true, codeList: "street", aliases: ["街道", "所属街道", "街道办事处", "街道名称"] },
    { name: "community", label: "社区", type: "code", required: false, codeList: "community", aliases: ["社区", "所属社区", "社区名称"] },
    { name: "grid", label: "单元网格", type: "string", required: false, aliases: ["单元网格", "网格", "网格编码", "单元网格编码"] },
    { name: "description", label: "问题描述", type: "string", required: false, personal: "free_text", aliases: ["问题描述", "案件描述", "描述"] },
    { name: "address", label: "发生地址", type: "string", required: false, personal: "address", aliases: ["发生地址", "事发地址", "位置描述", "地址"] },
    { name: "reported_at", label: "上报时间", type: "datetime", required: true, aliases: ["上报时间", "发现时间", "上报日期"] },
    { name: "registered_at", label: "立案时间", type: "datetime", required: false, aliases: ["立案时间"] },
    { name: "dispatched_at", label: "派遣时间", type: "datetime", required: false, aliases: ["派遣时间", "首次派遣时间"] },
    { name: "due_at", label: "处置截止时间", type: "datetime", required: false, aliases: ["处置截止时间", "处置时限", "应处置时间"], description: "含延期后的截止时间" },
    { name: "handled_at", label: "处置完成时间", type: "datetime", required: false, aliases: ["处置完成时间", "处置时间", "处置反馈时间"] },
    { name: "closed_at", label: "结案时间", type: "datetime", required: false, aliases: ["结案时间"] },
    { name: "department", label: "处置部门", type: "code", required: false, codeList: "department", aliases: ["处置部门", "主责部门", "责任部门", "处置单位"] },
    { name: "status", label: "当前阶段", type: "code", required: true, codeList: "platform_status", aliases: ["当前阶段", "案件状态", "案卷状态", "状态"] },
    { name: "rework_count", label: "返工次数", type: "integer", required: false, min: 0, aliases: ["返工次数"] },
    { name: "extension_count", label: "延期次数", type: "integer", required: false, min: 0, aliases: ["延期次数"] },
    { name: "close_type", label: "结案类型", type: "code", required: false, codeList: "close_type", aliases: ["结案类型", "结案方式"] },
    { name: "x", label: "坐标X", type: "number", required: false, aliases: ["坐标X", "X坐标", "经度"], description: "导出的原值：经度，或平面坐标的北坐标（坐标系见 geo_crs）" },
    { name: "y", label: "坐标Y", type: "number", required: false, aliases: ["坐标Y", "Y坐标", "纬度"], description: "导出的原值：纬度，或平面坐标的东坐标（可带带号）" },
    { name: "lon", label: "经度（WGS-84）", type: "number", required: false, aliases: [], derived: "坐标X/坐标Y 按 data/geo/crs.yaml 的坐标系（未设置时按数值范围识别）换算（loaders/geo/）" },
    { name: "lat", label: "纬度（WGS-84）", type: "number", required: false, aliases: [], derived: "同经度" },
    { name: "geo_crs", label: "坐标系", type: "string", required: false, aliases: [], derived: "换算所用坐标系的代号，如 cgcs2000-gk3-38、gcj02（loaders/geo/systems.ts）" },
    { name: "geo_flag", label: "坐标问题", type: "string", required: false, aliases: [], derived: "swapped：X/Y 互换（已纠正）；outside：在辖区范围外（保留）；unrecognized：坐标系无法识别（不换算）" },
    { name: "reporter_phone", label: "举报人电话", type: "string", required: false, personal: "phone", aliases: ["举报人电话", "举报人联系电话", "举报电话", "联系电话"] }
  ],
  rules: [
    {
      id: "category_hierarchy",
      message: "小类不属于大类，或大类与问题类型不符",
      path: "category_minor",
      test: (r) => {
        const major = categoryByCode(String(r.category_major));
        const minor = categoryByCode(String(r.category_minor));
        if (!major || !minor) return true;
        return minor.parent === major.code && major.type === r.problem_type && major.level === "major";
      }
    },
    {
      id: "community_in_street",
      message: "社区不属于该街道",
      path: "community",
      test: (r) => {
        if (typeof r.community !== "string") return true;
        const c = byCode("community", r.community);
        return !c || c.parent === r.street;
      }
    },
    notBefore("registered_after_reported", "registered_at", "reported_at", "立案时间早于上报时间"),
    notBefore("dispatched_after_registered", "dispatched_at", "registered_at", "派遣时间早于立案时间"),
    notBefore("due_after_dispatched", "due_at", "dispatched_at", "处置截止时间早于派遣时间"),
    notBefore("handled_after_dispatched", "handled_at", "dispatched_at", "处置完成时间早于派遣时间"),
    notBefore("closed_after_reported", "closed_at", "reported_at", "结案时间早于上报时间"),
    notBefore("closed_after_handled", "closed_at", "handled_at", "结案时间早于处置完成时间"),
    requires("closed_has_time", "status", (v) => v === "closed", "closed_at", "当前阶段为结案但没有结案时间")
  ]
});
