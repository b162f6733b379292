import type { CodeEntry } from "./types.ts";
import { STREETS } from "./streets.ts";

/** Departments the platform dispatches cases to (处置部门 / 主责部门). D01-D11 are the street offices in street-code order. */
export const DEPARTMENTS: readonly CodeEntry[] = [
  ...STREETS.map((s, i) => ({
    code: `D${String(i + 1).padStart(2, "0")}`,
    name: s.fullName,
    aliases: [s.name, s.name.replace(/街道$/, "办事处")],
    description: `街道办事处 ${s.code}`
  })),
  { code: "D12", name: "区城市管理局环境卫生管理中心", aliases: ["环卫中心", "区环卫中心", "环境卫生管理中心"] },
  { code: "D13", name: "区城市管理综合执法大队", aliases: ["执法大队", "区城管执法大队", "城管执法大队"] },
  { code: "D14", name: "区住房和城乡建设局", aliases: ["住建局", "区住建局"] },
  { code: "D15", name: "区市场监督管理局", aliases: ["市场监管局", "区市场监管局"] },
  { code: "D16", name: "区园林绿化中心", aliases: ["园林中心", "园林绿化中心", "区园林所"] },
  { code: "D17", name: "区市政设施维护中心", aliases: ["市政中心", "市政所", "路灯所", "市政设施维护中心"] },
  { code: "D18", name: "国网许昌供电公司", aliases: ["供电公司", "许昌供电公司"] },
  { code: "D19", name: "许昌水务集团", aliases: ["自来水公司", "水务集团", "许昌市自来水公司"] },
  { code: "D20", name: "许昌燃气公司", aliases: ["燃气公司"] },
  { code: "D21", name: "中国联通许昌分公司", aliases: ["联通公司", "许昌联通"] },
  { code: "D22", name: "中国移动许昌分公司", aliases: ["移动公司", "许昌移动"] },
  { code: "D23", name: "中国电信许昌分公司", aliases: ["电信公司", "许昌电信"] },
  { code: "D24", name: "市公安局交警支队魏都大队", aliases: ["交警魏都大队", "交警大队"] },
  { code: "D25", name: "市生态环境局魏都分局", aliases: ["生态环境分局", "环保分局"] }
];

/** Enforcement squads (承办中队): one per street office plus two bureau-level squads. */
export const SQUADS: readonly CodeEntry[] = [
  ...STREETS.map((s, i) => {
    const short = s.name.replace(/街道$/, "");
    return {
      code: `Z${String(i + 1).padStart(2, "0")}`,
      name: `${short}执法中队`,
      aliases: [`${short}中队`, `${s.name}中队`, `${s.name}执法中队`],
      parent: s.code
    };
  }),
  { code: "Z12", name: "直属执法中队", aliases: ["直属中队"] },
  { code: "Z13", name: "渣土管理中队", aliases: ["渣土中队", "建筑垃圾管理中队"] }
];
