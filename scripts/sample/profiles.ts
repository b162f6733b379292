import { cases, documents, hotline, platform, publicity, review, training } from "../../loaders/schema/index.ts";
import type { SourceId } from "../../loaders/schema/index.ts";
import { compareYm, type YearMonth } from "./calendar.ts";
import { columns, type Profile } from "./render.ts";

const base = {
  title: true,
  subtitle: false,
  total: true,
  bool: "yesno" as const,
  fullWidth: 0,
  spaces: 0,
  thousands: false
};

const before = (ym: YearMonth, y: number, m: number) => compareYm(ym, { year: y, month: m }) < 0;

const PLATFORM_OLD = columns(platform, [
  "案件号", "问题来源", "问题类型", "大类名称", "小类名称", "街道", "社区", "单元网格", "问题描述", "发生地址", "发现时间", "立案时间",
  "首次派遣时间", "处置截止时间", "处置完成时间", "结案时间", "主责部门", "案件状态", "返工次数", "延期次数", "结案类型", "坐标X", "坐标Y", "举报人电话"
]);
const PLATFORM_NEW = columns(platform, [
  "案卷编号", "问题来源", "问题类型", "大类名称", "小类名称", "街道", "社区", "单元网格", "问题描述", "发生地址", "上报时间", "立案时间",
  "派遣时间", "处置截止时间", "处置完成时间", "结案时间", "处置部门", "当前阶段", "返工次数", "延期次数", "结案类型", "坐标X", "坐标Y", "举报人电话"
]);
const PLATFORM_V3 = columns(platform, [
  "任务号", "问题来源", "问题类型", "大类", "小类", "所属街道", "所属社区", "网格编码", "案件描述", "事发地址", "上报时间", "立案时间", "派遣时间",
  "处置时限", "处置时间", "结案时间", "责任部门", "案卷状态", "返工次数", "延期次数", "结案方式", "经度", "纬度", "举报人联系电话"
]);
const PLATFORM_V3_CODES = columns(platform, [
  "任务号", "问题来源", "问题类型", ["大类编码", { gb: true }], ["小类编码", { gb: true }], "所属街道", "所属社区", "网格编码", "案件描述", "事发地址",
  "上报时间", "立案时间", "派遣时间", "处置时限", "处置时间", "结案时间", "责任部门", "案卷状态", "返工次数", "延期次数", "结案方式", "经度", "纬度", "举报人联系电话"
]);

/** The platform vendor of 2025-07 on writes 已归档 for a closed case, which the shipped status list does not know. */
const NEW_VENDOR: Profile["spellings"] = { platform_status: { closed: "已归档" } };

function csvAtScale(p: Profile, scale: number): Profile {
  if (scale <= 1 || p.format.startsWith("csv")) return p;
  return { ...p, format: "csv-utf8-bom" };
}

export function platformProfile(ym: YearMonth, scale: number): Profile {
  let p: Profile;
  if (ym.year === 2023) {
    p = { ...base, format: "xls", stem: "案件明细表", columns: PLATFORM_OLD, dateStyle: "serial", codeAlias: { street: 0, platform_status: 1, problem_source: 0 } };
  } else if (before(ym, 2025, 7)) {
    const csv = ym.year === 2024 && (ym.month === 5 || ym.month === 11);
    // the platform's quick CSV export leaves the coordinates out
    p = csv
      ? { ...base, format: "csv-utf8-bom", stem: "数字城管案卷明细", columns: PLATFORM_NEW.filter((c) => c.field !== "x" && c.field !== "y"), dateStyle: "iso", title: false, total: false, spaces: 0.01 }
      : { ...base, format: "xlsx", stem: "数字城管案卷明细", columns: PLATFORM_NEW, dateStyle: "slash", spaces: 0.01 };
  } else if (ym.year === 2025) {
    p = { ...base, format: "csv-gb18030", stem: "案卷导出", columns: PLATFORM_V3, dateStyle: "iso", title: false, total: false, codeAlias: { department: 0 }, spellings: NEW_VENDOR };
  } else {
    p = { ...base, format: "xlsx", stem: "案卷导出", columns: PLATFORM_V3_CODES, dateStyle: "serial", codeAlias: { department: 0 }, spellings: NEW_VENDOR };
  }
  return csvAtScale(p, scale);
}

const HOTLINE_A = columns(hotline, [
  "工单编号", "来源", "受理时间", "诉求类型", "工单类型", "诉求内容", "所属街道", "诉求地址", "签收时间", "办结时间", "工单状态", "办理结果", "满意度", "来电人", "来电号码", "转派案卷编号"
]);
const HOTLINE_B = columns(hotline, [
  "工单号", "热线来源", "来电时间", "问题分类", "诉求性质", "反映内容", "街道", "事发地址", "首次响应时间", "办理完成时间", "办理状态", "处理结果", "回访满意度", "诉求人", "来电电话", "关联案卷编号"
]);

export function hotlineProfile(ym: YearMonth, scale: number): Profile {
  let p: Profile;
  if (ym.year === 2023) p = { ...base, format: "xlsx", stem: "热线工单", columns: HOTLINE_A, dateStyle: "serial" };
  else if (ym.year <= 2025) p = { ...base, format: "csv-utf8-bom", stem: "热线工单", columns: HOTLINE_B, dateStyle: "slash", total: false, codeAlias: { hotline_source: 0 }, spaces: 0.01 };
  else p = { ...base, format: "csv-gb18030", stem: "热线工单", columns: HOTLINE_A, dateStyle: "cn", title: false, total: false, codeAlias: { hotline_source: 1 } };
  return csvAtScale(p, scale);
}

const CASES_A = columns(cases, [
  "案号", "立案日期", "当事人", "当事人类型", "身份证号/统一社会信用代码", "联系电话", "当事人住址", "违法行为", "违法地点", "所属街道", "承办中队", "程序类型",
  "法制审核", "集体讨论", "执法全过程记录", "信息公示", "罚款金额", "执行情况", "结案日期", "案件状态"
]);
const CASES_B = columns(cases, [
  "案件编号", "立案时间", "当事人姓名/名称", "当事人性质", "证件号码", "当事人电话", "住址", "案由", "案发地点", "街道", "中队", "适用程序",
  "是否法制审核", "是否集体讨论", "全过程记录", "是否公示", "罚款金额（元）", "履行情况", "结案时间", "办理状态"
]);

export function casesProfile(ym: YearMonth): Profile {
  if (ym.year === 2023) return { ...base, format: "xls", stem: "行政执法案件登记台账", columns: CASES_A, dateStyle: "cn", subtitle: true };
  if (ym.year === 2024) return { ...base, format: "xlsx", stem: "行政执法案件登记台账", columns: CASES_B, dateStyle: "serial", bool: "check", fullWidth: 0.05, codeAlias: { violation: 0 } };
  return { ...base, format: "csv-gb18030", stem: "行政执法案件登记台账", columns: CASES_A, dateStyle: "slash", thousands: true, spaces: 0.05 };
}

const DOCS_A = columns(documents, ["文书编号", "文书类型", "案号", "签发日期", "送达日期", "当事人", "所属街道", "承办中队"]);
const DOCS_B = columns(documents, ["文号", "文书名称", "关联案号", "开具日期", "送达时间", "相对人", "街道", "开具单位"]);

export function documentsProfile(ym: YearMonth): Profile {
  if (ym.year === 2023) return { ...base, format: "xls", stem: "执法文书登记台账", columns: DOCS_A, dateStyle: "serial", subtitle: true };
  if (ym.year === 2024) {
    return ym.month % 2 === 1
      ? { ...base, format: "xlsx", stem: "执法文书登记台账", columns: DOCS_B, dateStyle: "cn", codeAlias: { document_type: 0, squad: 0 }, spaces: 0.03 }
      : { ...base, format: "csv-utf8-bom", stem: "执法文书登记台账", columns: DOCS_B, dateStyle: "slash", fullWidth: 0.08, codeAlias: { squad: 0 } };
  }
  return { ...base, format: "xlsx", stem: "执法文书登记台账", columns: DOCS_A, dateStyle: "serial" };
}

const REVIEW_A = columns(review, ["案号", "类别", "收案日期", "审结日期", "申请人/原告", "被申请行为", "原案号", "结果", "开庭日期", "负责人出庭"]);
const REVIEW_B = columns(review, ["收案编号", "案件类别", "受理日期", "审结时间", "申请人（原告）", "被诉行政行为", "关联案号", "审结结果", "开庭时间", "负责人出庭应诉"]);

export function reviewProfile(ym: YearMonth): Profile {
  if (ym.year <= 2023) return { ...base, format: "xlsx", stem: "复议诉讼案件登记表", columns: REVIEW_A, dateStyle: "cn" };
  return { ...base, format: "xlsx", stem: "复议诉讼案件登记表", columns: REVIEW_B, dateStyle: "serial", codeAlias: { review_outcome: 0 } };
}

const PUB_A = columns(publicity, ["记录类型", "标题", "发布日期", "媒体", "级别", "活动主题", "活动地点", "参与人数", "链接"]);
const PUB_B = columns(publicity, ["类别", "稿件标题", "日期", "发布媒体", "媒体级别", "主题", "地点", "参加人数", "原文链接"]);

export function publicityProfile(ym: YearMonth): Profile {
  if (ym.year === 2023) return { ...base, format: "xlsx", stem: "宣传信息和普法活动登记表", columns: PUB_A, dateStyle: "serial" };
  if (ym.year === 2024) return { ...base, format: "xls", stem: "宣传信息和普法活动登记表", columns: PUB_B, dateStyle: "cn", fullWidth: 0.03 };
  return { ...base, format: "csv-gb18030", stem: "宣传信息和普法活动登记表", columns: PUB_A, dateStyle: "slash", title: false, total: false };
}

const TRAIN_A = columns(training, ["日期", "主题", "类型", "参训人数", "学时", "组织单位", "地点"]);
const TRAIN_B = columns(training, ["培训日期", "培训主题", "培训类型", "参加人数", "时长（小时）", "主办单位", "培训地点"]);

export function trainingProfile(ym: YearMonth): Profile {
  if (ym.year === 2023) return { ...base, format: "csv-gb18030", stem: "培训登记表", columns: TRAIN_A, dateStyle: "iso", title: false, total: false };
  if (ym.year === 2024) return { ...base, format: "csv-utf8-bom", stem: "培训登记表", columns: TRAIN_B, dateStyle: "slash", title: false, total: false };
  return { ...base, format: "xlsx", stem: "培训登记表", columns: TRAIN_B, dateStyle: "serial" };
}

export const TITLES: Record<SourceId, (ym: YearMonth) => string> = {
  platform: (ym) => `魏都区数字化城市管理案卷明细表（${ym.year}年${ym.month}月）`,
  hotline: (ym) => `城管类热线工单明细（${ym.year}年${ym.month}月）`,
  cases: (ym) => `魏都区城市管理局行政执法案件登记台账（${ym.year}年${ym.month}月）`,
  documents: (ym) => `魏都区城市管理局执法文书登记台账（${ym.year}年${ym.month}月）`,
  review: (ym) => `行政复议、行政诉讼案件登记表（${ym.year}年${ym.month}月）`,
  publicity: (ym) => `宣传信息及普法活动登记表（${ym.year}年${ym.month}月）`,
  training: (ym) => `培训登记表（${ym.year}年${ym.month}月）`
};
