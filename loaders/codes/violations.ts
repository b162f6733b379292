import type { CodeEntry } from "./types.ts";

/** Violations recorded in the case register (违法行为); `description` names the usual legal basis. */
export const VIOLATIONS: readonly CodeEntry[] = [
  { code: "V01", name: "擅自超出门窗外墙经营", aliases: ["店外经营", "出店经营"], description: "《许昌市城市市容和环境卫生管理条例》" },
  { code: "V02", name: "擅自占用道路摆摊设点", aliases: ["占道经营", "流动摊贩"], description: "《许昌市城市市容和环境卫生管理条例》" },
  { code: "V03", name: "在公共场所露天烧烤", aliases: ["露天烧烤", "占道烧烤"], description: "《中华人民共和国大气污染防治法》第一百一十八条" },
  { code: "V04", name: "擅自设置户外广告", aliases: ["违规设置户外广告", "擅自设置广告牌"], description: "《城市市容和环境卫生管理条例》" },
  { code: "V05", name: "乱张贴乱涂写乱刻画", aliases: ["张贴小广告", "乱涂乱画"], description: "《城市市容和环境卫生管理条例》" },
  { code: "V06", name: "擅自倾倒建筑垃圾", aliases: ["随意倾倒建筑垃圾", "未经核准处置建筑垃圾"], description: "《城市建筑垃圾管理规定》" },
  { code: "V07", name: "运输车辆遗撒泄漏", aliases: ["渣土车遗撒", "运输遗撒"], description: "《城市建筑垃圾管理规定》" },
  { code: "V08", name: "施工工地扬尘污染", aliases: ["工地扬尘", "未采取防尘措施"], description: "《中华人民共和国大气污染防治法》" },
  { code: "V09", name: "违法建设", aliases: ["未取得建设工程规划许可证进行建设", "违章建筑", "私搭乱建"], description: "《中华人民共和国城乡规划法》第六十四条" },
  { code: "V10", name: "擅自占用挖掘城市道路", aliases: ["擅自挖掘道路", "擅自占用道路"], description: "《城市道路管理条例》" },
  { code: "V11", name: "损毁绿地或擅自砍伐树木", aliases: ["毁绿", "擅自砍伐树木"], description: "《城市绿化条例》" },
  { code: "V12", name: "随意倾倒生活垃圾", aliases: ["乱倒垃圾"], description: "《许昌市城市市容和环境卫生管理条例》" },
  { code: "V13", name: "餐饮油烟未经处理排放", aliases: ["油烟直排", "无油烟净化设施"], description: "《中华人民共和国大气污染防治法》第一百一十八条" },
  { code: "V14", name: "使用高音广播喇叭招揽顾客", aliases: ["商业噪音", "噪音扰民"], description: "《中华人民共和国噪声污染防治法》" },
  { code: "V15", name: "未按规定分类投放生活垃圾", aliases: ["垃圾未分类"], description: "《许昌市生活垃圾分类管理办法》" },
  { code: "V99", name: "其他违法行为", aliases: ["其他"] }
];
