import type { CodeEntry } from "./types.ts";

type E = CodeEntry;
const e = (code: string, name: string, aliases: string[] = [], description?: string): E =>
  description ? { code, name, aliases, description } : { code, name, aliases };

export const PROBLEM_SOURCES: readonly E[] = [
  e("supervisor", "监督员上报", ["监督员", "信息采集员上报", "采集员上报", "巡查上报"]),
  e("hotline_12319", "12319热线", ["12319", "12319城管热线", "城管热线"]),
  e("hotline_12345", "12345热线", ["12345", "12345市长热线", "市长热线", "12345政务服务便民热线"]),
  e("video", "视频监控", ["视频", "视频巡查", "智能视频识别"]),
  e("public_report", "公众举报", ["公众投诉", "市民举报", "随手拍"]),
  e("leader_assigned", "领导交办", ["领导批示", "上级交办"]),
  e("media", "媒体曝光", ["新闻媒体", "媒体反映"])
];

export const PROBLEM_TYPES: readonly E[] = [e("event", "事件", ["事件类"]), e("component", "部件", ["部件类"])];

export const PLATFORM_STATUSES: readonly E[] = [
  e("reported", "上报", ["已上报", "待受理", "待立案"], "已上报，尚未立案"),
  e("registered", "立案", ["已立案", "待派遣"], "已立案，尚未派遣"),
  e("dispatched", "派遣", ["已派遣", "处置中", "待处置"], "已派遣，处置中"),
  e("handled", "处置完成", ["已处置", "待核查", "处置反馈"], "处置部门已反馈，等待核查"),
  e("closed", "结案", ["已结案", "结案归档"]),
  e("void", "作废", ["不予立案", "已作废"], "不予立案或作废，不计入有效上报")
];

export const CLOSE_TYPES: readonly E[] = [
  e("normal", "正常结案", ["正常", "处置结案"]),
  e("duplicate", "重复案卷结案", ["重复件", "重复案卷", "合并结案"]),
  e("not_verified", "核实不属实", ["不属实", "核查不属实"]),
  e("out_of_scope", "非城管职责", ["非职责范围", "非本部门职责"])
];

export const PARTY_TYPES: readonly E[] = [
  e("natural_person", "自然人", ["个人", "公民"]),
  e("organization", "法人或其他组织", ["法人", "单位", "企业", "个体工商户", "其他组织", "法人及其他组织"])
];

export const PROCEDURE_TYPES: readonly E[] = [
  e("simple", "简易程序", ["简易", "当场处罚"]),
  e("general", "普通程序", ["普通", "一般程序"])
];

export const EXECUTION_STATUSES: readonly E[] = [
  e("voluntary", "自觉履行", ["已履行", "自动履行", "已缴纳", "已缴款"]),
  e("court_enforcement", "申请法院强制执行", ["申请强制执行", "强制执行", "法院强制执行"]),
  e("pending", "待履行", ["未履行", "执行中", "催告中"]),
  e("installment", "分期（延期）缴纳", ["分期缴纳", "延期缴纳"]),
  e("no_penalty", "不予处罚", ["不予行政处罚", "免予处罚", "撤销立案", "撤案"])
];

export const CASE_STATUSES: readonly E[] = [
  e("open", "办理中", ["在办", "未结案", "调查中"]),
  e("closed", "已结案", ["结案", "办结", "已办结"])
];

export const DOCUMENT_TYPES: readonly E[] = [
  e("guidance", "城市管理行政意见指导书", ["行政意见指导书", "意见指导书", "指导书"]),
  e("rectification_order", "责令停止（改正）违法行为通知书", [
    "责令改正通知书",
    "责令停止违法行为通知书",
    "责令改正违法行为通知书",
    "责令限期改正通知书"
  ]),
  e("inquiry_notice", "调查询问通知书", ["询问通知书"]),
  e("penalty_notice", "行政处罚事先告知书", ["事先告知书", "行政处罚告知书"]),
  e("penalty_decision", "行政处罚决定书", ["处罚决定书", "当场行政处罚决定书"]),
  e("urge_notice", "履行行政处罚决定催告书", ["催告书", "履行催告书"]),
  e("enforcement_application", "强制执行申请书", ["行政强制执行申请书", "申请法院强制执行书"])
];

export const REVIEW_CATEGORIES: readonly E[] = [
  e("reconsideration", "行政复议", ["复议"]),
  e("litigation_first", "行政诉讼一审", ["一审", "行政诉讼（一审）", "行政诉讼"]),
  e("litigation_second", "行政诉讼二审", ["二审", "行政诉讼（二审）", "上诉"])
];

export const REVIEW_OUTCOMES: readonly E[] = [
  e("upheld", "维持", ["维持原行政行为", "维持原判", "驳回上诉，维持原判"]),
  e("dismissed", "驳回", ["驳回诉讼请求", "驳回复议申请", "驳回起诉"]),
  e("revoked", "撤销", ["撤销原行政行为", "撤销行政行为"], "纠错"),
  e("confirmed_illegal", "确认违法", ["确认行政行为违法"], "纠错"),
  e("ordered_to_perform", "责令履行", ["责令履行法定职责", "判决履行"], "纠错"),
  e("altered", "变更", ["变更原行政行为"], "纠错"),
  e("mediated", "调解", ["调解结案", "和解"]),
  e("withdrawn", "撤回/撤诉", ["撤回", "撤诉", "撤回申请", "准予撤诉", "撤回起诉"]),
  e("not_accepted", "不予受理", ["不予立案"])
];

/** Outcomes counted as a correction of the bureau's act (纠错率 numerator). */
export const CORRECTIVE_OUTCOMES: readonly string[] = ["revoked", "confirmed_illegal", "ordered_to_perform", "altered"];

export const HOTLINE_SOURCES: readonly E[] = [
  e("12319", "12319城管热线", ["12319热线", "城管热线"]),
  e("12345", "12345政务服务便民热线", ["12345热线", "市长热线", "12345市长热线"])
];

export const HOTLINE_TOPICS: readonly E[] = [
  e("T01", "店外经营", ["占道经营", "出店经营"]),
  e("T02", "流动摊贩", ["游商", "无照游商"]),
  e("T03", "露天烧烤油烟", ["露天烧烤", "油烟污染", "烧烤油烟"]),
  e("T04", "噪音扰民", ["噪声扰民", "商业噪音"]),
  e("T05", "违章建筑", ["违法建设", "私搭乱建"]),
  e("T06", "环境卫生", ["垃圾清运", "垃圾堆放"]),
  e("T07", "渣土遗撒", ["渣土车", "道路遗撒"]),
  e("T08", "户外广告", ["广告招牌", "小广告"]),
  e("T09", "路灯照明", ["路灯不亮", "路灯"]),
  e("T10", "市政设施", ["井盖", "道路破损", "井盖缺失"]),
  e("T11", "园林绿化", ["树木", "绿化"]),
  e("T12", "停车秩序", ["乱停车", "车辆乱停"]),
  e("T13", "积雪积水", ["除雪", "道路积水"]),
  e("T14", "执法投诉", ["执法人员投诉", "执法态度"]),
  e("T15", "政策咨询", ["咨询"]),
  e("T99", "其他", ["其它"])
];

export const REQUEST_KINDS: readonly E[] = [
  e("complaint", "投诉"),
  e("report", "举报"),
  e("consult", "咨询"),
  e("help", "求助"),
  e("suggestion", "建议"),
  e("praise", "表扬", ["感谢"])
];

export const HOTLINE_STATUSES: readonly E[] = [
  e("in_progress", "办理中", ["待办理", "处理中", "已派单"]),
  e("closed", "已办结", ["办结", "已办理"]),
  e("visited", "已回访", ["回访完成"])
];

export const HOTLINE_RESULTS: readonly E[] = [
  e("resolved", "解决", ["已解决"]),
  e("partial", "部分解决", ["部分已解决"]),
  e("unresolved", "未解决", ["未能解决"])
];

export const SATISFACTION_LEVELS: readonly E[] = [
  e("very_satisfied", "非常满意"),
  e("satisfied", "满意", ["基本满意"]),
  e("understanding", "理解", ["表示理解"]),
  e("dissatisfied", "不满意", ["非常不满意"])
];

/** Levels counted as satisfied in 满意率. */
export const SATISFIED_LEVELS: readonly string[] = ["very_satisfied", "satisfied"];

export const PUBLICITY_KINDS: readonly E[] = [
  e("item", "宣传信息", ["宣传稿件", "信息", "稿件"]),
  e("activity", "普法活动", ["普法宣传活动", "活动"])
];

export const PUBLICITY_LEVELS: readonly E[] = [
  e("national", "国家级", ["国家", "中央级"]),
  e("provincial", "省级", ["省"]),
  e("municipal", "市级", ["市"]),
  e("district", "区级", ["区", "县区级"])
];

export const ACTIVITY_THEMES: readonly E[] = [
  e("A01", "学雷锋志愿服务", ["学雷锋活动", "学雷锋活动暨创建全国文明城市志愿服务活动"]),
  e("A02", "民法典宣传", ["民法典宣传月"]),
  e("A03", "防诈宣传", ["反诈宣传", "防范电信网络诈骗宣传"]),
  e("A04", "安全生产月", ["安全生产月宣传"]),
  e("A05", "垃圾分类知识宣传", ["垃圾分类", "垃圾分类宣传"]),
  e("A06", "市容环卫条例宣传", ["许昌市城市市容和环境卫生管理条例宣传", "《许昌市城市市容和环境卫生管理条例》宣传", "条例宣传"]),
  e("A07", "宪法宣传周", []),
  e("A08", "国家宪法日", ["宪法宣传日", "12·4国家宪法日"]),
  e("A09", "全民国家安全教育日", ["国家安全教育日"]),
  e("A10", "送法进商户", ["以案释法", "谁执法谁普法进商户"]),
  e("A99", "其他", ["其它"])
];

export const TRAINING_TYPES: readonly E[] = [
  e("enforcement_business", "执法业务", ["执法业务培训"]),
  e("laws_regulations", "法律法规", ["法律法规培训"]),
  e("legal_review", "法制审核", ["法制审核培训"])
];
