import { idCheckChar, orgCodeCheckChar, usccCheckChar } from "../../loaders/schema/identifiers.ts";
import { STREETS } from "./codes.ts";
import { at, DAY, isoDate } from "./calendar.ts";
import { type Rng, Sampler } from "./random.ts";

// Rough frequencies for Henan; the head of the distribution is what matters.
const SURNAMES: Array<[string, number]> = [
  ["王", 90], ["李", 80], ["张", 85], ["刘", 60], ["陈", 40], ["杨", 35], ["赵", 30], ["黄", 15], ["周", 20], ["吴", 15],
  ["徐", 18], ["孙", 20], ["马", 25], ["朱", 15], ["胡", 15], ["郭", 25], ["何", 8], ["高", 18], ["林", 5], ["罗", 6],
  ["郑", 12], ["梁", 10], ["谢", 8], ["宋", 14], ["唐", 8], ["许", 16], ["韩", 12], ["冯", 10], ["邓", 6], ["曹", 12],
  ["彭", 6], ["曾", 3], ["田", 10], ["董", 10], ["袁", 8], ["潘", 5], ["于", 8], ["蒋", 5], ["蔡", 6], ["余", 5],
  ["杜", 8], ["叶", 4], ["程", 8], ["苏", 7], ["魏", 9], ["吕", 8], ["丁", 7], ["任", 8], ["沈", 4], ["姚", 6],
  ["卢", 5], ["姜", 6], ["崔", 6], ["贾", 8], ["范", 6], ["石", 6], ["侯", 7], ["史", 6], ["牛", 6], ["闫", 6],
  ["申", 4], ["司", 3], ["常", 5], ["耿", 3], ["岳", 3], ["霍", 3], ["樊", 4], ["楚", 2], ["白", 5], ["秦", 5]
];
const MALE = "伟强磊军勇杰涛斌超明刚辉鹏华亮建国志东文龙飞浩宇航俊峰波毅凯振海新春永红卫".split("");
const FEMALE = "芳娜敏静丽艳娟霞秀英玲燕萍红梅琳雪倩颖婷洁慧佳欣怡莉霞晶瑶丹凤兰桂云".split("");
const MIDDLE = "建志永春晓国海红宏家俊雪子梦思嘉一文明德广金玉佳新亚".split("");

const surnameSampler = new Sampler(
  SURNAMES.map((s) => s[0]),
  SURNAMES.map((s) => s[1])
);

export interface Person {
  name: string;
  male: boolean;
  idNumber: string;
  phone: string;
  address: string;
}

export function personName(rng: Rng, male = rng.chance(0.55)): string {
  const pool = male ? MALE : FEMALE;
  const given = rng.chance(0.72) ? rng.pick(MIDDLE) + rng.pick(pool) : rng.pick(pool);
  return surnameSampler.draw(rng) + given;
}

// Area codes of ID numbers: mostly the Xuchang area, some from elsewhere in Henan.
const ID_AREAS = new Sampler(
  ["411002", "411003", "411023", "411024", "411025", "411081", "411082", "410102", "410105", "411102", "411302", "411402", "412702", "410402"],
  [40, 10, 10, 6, 6, 7, 7, 3, 2, 2, 2, 2, 2, 1]
);

export function idNumber(rng: Rng, male: boolean, minYear = 1955, maxYear = 2004): string {
  const birth = at(minYear, 1, 1) + rng.int(0, Math.floor((at(maxYear, 12, 31) - at(minYear, 1, 1)) / DAY)) * DAY;
  const seq = rng.int(0, 99) * 10 + (male ? rng.int(0, 4) * 2 + 1 : rng.int(0, 4) * 2);
  const first17 = ID_AREAS.draw(rng) + isoDate(birth).replaceAll("-", "") + String(seq).padStart(3, "0");
  return first17 + idCheckChar(first17);
}

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152", "153", "155",
  "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187",
  "188", "189", "191", "193", "195", "198", "199"
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99999999)).padStart(8, "0");
}

const ROADS = [
  "建安大道", "魏文路", "七一路", "八一路", "五一路", "文峰路", "许继大道", "劳动路", "新兴路", "南关大街", "北大街", "西大街",
  "东大街", "春秋路", "学院路", "天宝路", "颍昌大道", "魏武大道", "莲城大道", "延安路", "健康路", "建设路", "毓秀路", "光明路",
  "解放路", "竹林路", "永兴路", "许扶路", "灞陵路", "清虚路", "半截河路", "高桥营路"
];
const COMPOUND_A = ["金", "华", "锦", "龙", "瑞", "丽", "翠", "和", "祥", "康", "阳光", "幸福", "世纪", "东方", "滨河", "书香", "建业", "正商", "魏都", "颍昌"];
const COMPOUND_B = ["花园", "小区", "家园", "苑", "名邸", "公寓", "嘉园", "新城", "佳苑", "华府"];

export function road(rng: Rng): string {
  return rng.pick(ROADS);
}

/** A street address inside the district, e.g. 许昌市魏都区五一路126号. */
export function placeAddress(rng: Rng, streetName?: string): string {
  const r = rng.pick(ROADS);
  const near = rng.chance(0.3) ? `与${rng.pick(ROADS.filter((x) => x !== r))}交叉口` : `${rng.int(1, 480)}号`;
  return `许昌市魏都区${streetName && rng.chance(0.2) ? streetName : ""}${r}${near}`;
}

/** A home address, e.g. 许昌市魏都区建安大道318号锦华苑5号楼2单元601. */
export function homeAddress(rng: Rng): string {
  if (rng.chance(0.15)) {
    const s = rng.pick(STREETS);
    const c = rng.pick(s.communities);
    return `许昌市魏都区${s.name}${c.name}${rng.int(1, 30)}号院${rng.int(1, 6)}号`;
  }
  const compound = rng.pick(COMPOUND_A) + rng.pick(COMPOUND_B);
  return `许昌市魏都区${rng.pick(ROADS)}${rng.int(1, 480)}号${compound}${rng.int(1, 32)}号楼${rng.int(1, 4)}单元${rng.int(1, 28)}0${rng.int(1, 4)}`;
}

export function person(rng: Rng): Person {
  const male = rng.chance(0.62);
  return { name: personName(rng, male), male, idNumber: idNumber(rng, male), phone: mobile(rng), address: homeAddress(rng) };
}

const USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Unified social credit code: 92 (个体工商户) or 91 (企业) + 411002 + organization code + check. */
export function uscc(rng: Rng, soleTrader: boolean): string {
  let body = "MA";
  for (let i = 0; i < 6; i++) body += USCC_BODY[rng.int(0, USCC_BODY.length - 1)];
  const org = body + orgCodeCheckChar(body);
  const first17 = (soleTrader ? "92" : "91") + "411002" + org;
  return first17 + usccCheckChar(first17);
}

const SHOP_WORDS = ["聚福", "鑫源", "恒通", "宏达", "顺发", "好再来", "兴隆", "德福", "金鼎", "华辰", "老街", "豫香", "福满堂", "一品", "鸿运", "盛世", "乐家", "佳和", "友谊", "四季"];
const SHOPS = ["烧烤店", "饭店", "超市", "便利店", "水果店", "五金店", "建材店", "汽车美容店", "餐馆", "烟酒店", "服装店", "手机店", "羊肉汤馆", "烩面馆"];
const COMPANIES = ["建筑工程有限公司", "商贸有限公司", "渣土运输有限公司", "广告有限公司", "置业有限公司", "物业服务有限公司", "装饰工程有限公司"];

export interface Organization {
  name: string;
  soleTrader: boolean;
  uscc: string;
  address: string;
  contact: Person;
}

export function organization(rng: Rng, preferCompany = false): Organization {
  const soleTrader = !preferCompany && rng.chance(0.75);
  const name = soleTrader
    ? `魏都区${rng.pick(SHOP_WORDS)}${rng.pick(SHOPS)}`
    : `许昌${rng.pick(SHOP_WORDS)}${rng.pick(COMPANIES)}`;
  return { name, soleTrader, uscc: uscc(rng, soleTrader), address: placeAddress(rng), contact: person(rng) };
}
