import type { CodeEntry } from "./types.ts";

export type ProblemType = "event" | "component";

export interface Category extends CodeEntry {
  type: ProblemType;
  /** The code as printed by the platform: 2 digits for a major, 4 for a minor category. */
  gb: string;
  level: "major" | "minor";
}

type Tree = Array<[gb: string, name: string, minors: Array<[gb: string, name: string, aliases?: string[]]>]>;

/**
 * Modelled on GB/T 30428.2 (CJ/T 214 lineage). The lists are abridged, and 06 events / 06 components are
 * local extensions. Canonical codes carry a type prefix (E = 事件, C = 部件) because event and component
 * numbers overlap; the 2- and 4-digit numbers printed by the platform are kept in `gb`.
 */
const EVENTS: Tree = [
  ["01", "市容环境", [
    ["0101", "私搭乱建", ["违章搭建"]],
    ["0102", "暴露垃圾"],
    ["0103", "积存垃圾渣土"],
    ["0104", "道路不洁"],
    ["0105", "水域不洁"],
    ["0106", "绿地脏乱"],
    ["0107", "废弃家具设备"],
    ["0108", "非装饰性树挂"],
    ["0109", "焚烧垃圾树叶"],
    ["0110", "餐饮油烟"]
  ]],
  ["02", "宣传广告", [
    ["0201", "非法小广告", ["小广告"]],
    ["0202", "违章张贴悬挂广告牌匾"],
    ["0203", "占道广告牌"],
    ["0204", "街头散发广告"],
    ["0205", "违规悬挂横幅"]
  ]],
  ["03", "施工管理", [
    ["0301", "施工扰民"],
    ["0302", "工地扬尘"],
    ["0303", "道路遗撒", ["渣土遗撒"]],
    ["0304", "施工废弃料"],
    ["0305", "施工占道"],
    ["0306", "无证掘路"]
  ]],
  ["04", "突发事件", [
    ["0401", "路面塌陷"],
    ["0402", "自来水管破裂"],
    ["0403", "燃气管道破裂"],
    ["0404", "下水道堵塞或破损"],
    ["0405", "供暖管道破损"],
    ["0406", "道路积水"],
    ["0407", "道路积雪结冰", ["积雪结冰"]]
  ]],
  ["05", "街面秩序", [
    ["0501", "无照经营游商", ["游商", "流动摊贩"]],
    ["0502", "流浪乞讨"],
    ["0503", "占道废品收购"],
    ["0504", "店外经营", ["出店经营", "跨门营业"]],
    ["0505", "机动车乱停放"],
    ["0506", "非机动车乱停放"],
    ["0507", "乱堆物堆料"],
    ["0508", "商业噪音"],
    ["0509", "黑车拉客"],
    ["0510", "露天烧烤", ["占道烧烤"]],
    ["0511", "沿街晾挂"]
  ]],
  ["06", "扩展事件", [
    ["0601", "共享单车乱停放"],
    ["0602", "违规设置地桩地锁"]
  ]]
];

const COMPONENTS: Tree = [
  ["01", "公用设施", [
    ["0101", "上水井盖"],
    ["0102", "污水井盖"],
    ["0103", "雨水井盖"],
    ["0104", "雨水篦子"],
    ["0105", "电力井盖"],
    ["0106", "路灯井盖"],
    ["0107", "通信井盖"],
    ["0111", "燃气井盖"],
    ["0113", "无主井盖"],
    ["0114", "消防设施", ["消火栓"]],
    ["0118", "路灯"],
    ["0120", "景观照明设施", ["景观灯"]]
  ]],
  ["02", "道路交通", [
    ["0203", "公交站亭"],
    ["0210", "交通标志牌"],
    ["0211", "交通信号灯"],
    ["0212", "道路护栏", ["交通护栏"]],
    ["0213", "隔离墩"],
    ["0217", "人行道板"],
    ["0218", "盲道"]
  ]],
  ["03", "市容环境", [
    ["0301", "公共厕所"],
    ["0302", "垃圾间（楼）", ["垃圾间", "垃圾楼"]],
    ["0304", "广告牌匾"],
    ["0305", "果皮箱"],
    ["0306", "垃圾箱", ["垃圾桶"]]
  ]],
  ["04", "园林绿化", [
    ["0401", "古树名木"],
    ["0402", "行道树"],
    ["0403", "护树设施"],
    ["0404", "花架花钵"],
    ["0405", "绿地"]
  ]],
  ["06", "其他设施", [
    ["0601", "健身设施"],
    ["0602", "公共座椅"]
  ]]
];

function flatten(tree: Tree, type: ProblemType): Category[] {
  const prefix = type === "event" ? "E" : "C";
  const out: Category[] = [];
  for (const [mgb, mname, minors] of tree) {
    out.push({ code: prefix + mgb, gb: mgb, name: mname, type, level: "major" });
    for (const [gb, name, aliases] of minors) {
      out.push({ code: prefix + gb, gb, name, type, level: "minor", parent: prefix + mgb, ...(aliases ? { aliases } : {}) });
    }
  }
  return out;
}

export const CATEGORIES: readonly Category[] = [...flatten(EVENTS, "event"), ...flatten(COMPONENTS, "component")];
