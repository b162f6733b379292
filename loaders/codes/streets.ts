import type { CodeEntry } from "./types.ts";

export interface Community {
  code: string;
  name: string;
}

export interface Street {
  /** 9-digit statistical division code (GB/T 10114 style): 411002 + 3-digit street number. */
  code: string;
  name: string;
  fullName: string;
  /** Approximate centre, WGS-84 degrees. */
  lon: number;
  lat: number;
  communities: readonly Community[];
}

const DISTRICT = "411002";

function street(no: number, name: string, lon: number, lat: number, communities: string[]): Street {
  const code = `${DISTRICT}${String(no).padStart(3, "0")}`;
  return {
    code,
    name,
    fullName: `${name}办事处`,
    lon,
    lat,
    communities: communities.map((c, i) => ({ code: `${code}${String(i + 1).padStart(3, "0")}`, name: `${c}社区` }))
  };
}

/**
 * The 11 street offices of 魏都区 in the order of their statistical codes. Community names are partly
 * illustrative; replace them with the bureau's grid list when it is available.
 */
export const STREETS: readonly Street[] = [
  street(1, "西大街道", 113.822, 34.03, ["德科苑", "榆柳", "金地", "魏武", "西湖", "春秋"]),
  street(2, "东大街道", 113.836, 34.028, ["东大", "天宝", "关帝庙", "清虚", "曹魏"]),
  street(3, "西关街道", 113.805, 34.041, ["三李", "西关", "寿昌里", "湖滨", "八一"]),
  street(4, "南关街道", 113.828, 34.018, ["南关", "新兴", "建设", "文化", "东风"]),
  street(5, "北大街道", 113.832, 34.046, ["北大", "建安", "颍昌", "毓秀", "健康"]),
  street(6, "五一路街道", 113.8, 34.018, ["五一", "延安", "许继", "劳动", "莲城", "学院"]),
  street(7, "高桥营街道", 113.82, 34.07, ["高桥营", "前营", "后营", "魏北", "许由", "尚德"]),
  street(8, "丁庄街道", 113.846, 34.061, ["丁庄", "竹林", "永兴", "光明", "解放"]),
  street(9, "七里店街道", 113.85, 34.01, ["七里店", "碾上", "月季", "南海", "许扶"]),
  street(10, "文峰街道", 113.861, 34.035, ["文峰", "灞陵", "护城河", "车站", "魏文"]),
  street(11, "半截河街道", 113.815, 33.996, ["半截河", "八里桥", "苇园", "新元", "祥和"])
];

export function streetAliases(s: Street): string[] {
  const short = s.name.replace(/街道$/, "");
  return [
    s.fullName,
    `${short}办事处`,
    `${short}街办`,
    short,
    `魏都区${s.name}`,
    `魏都区${s.fullName}`,
    `许昌市魏都区${s.fullName}`
  ];
}

export const STREET_ENTRIES: readonly CodeEntry[] = STREETS.map((s) => ({
  code: s.code,
  name: s.name,
  aliases: streetAliases(s)
}));

export const COMMUNITY_ENTRIES: readonly CodeEntry[] = STREETS.flatMap((s) =>
  s.communities.map((c) => ({
    code: c.code,
    name: c.name,
    parent: s.code,
    aliases: [c.name.replace(/社区$/, ""), `${c.name}居委会`, `${c.name}居民委员会`]
  }))
);
