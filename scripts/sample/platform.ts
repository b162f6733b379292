import { categoryByCode, DEPARTMENTS, STREETS } from "./codes.ts";
import {
  compareYm,
  DAY,
  dayStart,
  daysInMonth,
  HOUR,
  holidayFactor,
  intoHours,
  isoDate,
  isoDateTime,
  MINUTE,
  monthEnd,
  monthStart,
  parts,
  type Time,
  type YearMonth
} from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { mobile } from "./people.ts";
import { Rng, Sampler } from "./random.ts";
import { growth, PLATFORM_SEASON, STREET_TRAITS } from "./world.ts";
import { casePoint, exportedCoordinates } from "./geo.ts";

/**
 * Descriptions an operator might type that a dashboard must show as plain text and an
 * export must neutralize: markup that would run script, and a spreadsheet formula. They go
 * to the last cases of 2024-12-31, the top of that year's case list.
 */
export const SAFETY_PROBES = ["<img src=x onerror=alert(1)> 店门口堆放杂物", '=HYPERLINK("http://example.invalid","点击查看") 占道经营'];
const PROBE_DAY = "20241231";

type Row = Record<string, unknown>;

interface CatModel {
  /** A category of the code list, or (with `local`) the major its local minor sits under. */
  code: string;
  /** A local minor category the shipped code list does not know, written by its name. */
  local?: string;
  w: number;
  limitH: number;
  /** "S" = the street office of the case's street. */
  depts: string[];
  words: string[];
  season?: number[];
  /** Share of reports made in the evening (night markets, noise). */
  night?: number;
  /** +1: more in old-town streets (shop fronts); -1: more in outer streets (construction, muck). */
  town?: 1 | -1;
}

const SUMMER = [0.5, 0.5, 0.7, 0.9, 1.2, 1.6, 1.7, 1.6, 1.2, 0.9, 0.6, 0.5];
const BBQ = [0.15, 0.15, 0.4, 1, 2.5, 5, 5.5, 5, 2.5, 1, 0.4, 0.2];
const WINTER = [1.4, 1.3, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.4];
const SPRING = [0.8, 0.9, 1.5, 1.6, 1.3, 1.0, 0.8, 0.8, 1.0, 1.1, 1.0, 0.9];

const CATS: CatModel[] = [
  { code: "E0101", w: 2, limitH: 72, depts: ["S", "D13"], words: ["楼顶私搭彩钢棚", "沿街私搭简易棚", "门前违规搭建雨棚"], town: -1 },
  { code: "E0102", w: 9, limitH: 12, depts: ["D12", "S"], words: ["路边有暴露垃圾", "垃圾桶满溢，垃圾散落地面", "绿化带内有生活垃圾"] },
  { code: "E0103", w: 5, limitH: 24, depts: ["S", "D12"], words: ["积存建筑垃圾未清运", "路边堆放渣土"], town: -1 },
  { code: "E0104", w: 6, limitH: 12, depts: ["D12"], words: ["路面有油污", "路面不洁，落叶杂物较多"] },
  { code: "E0105", w: 0.6, limitH: 48, depts: ["D12"], words: ["河道水面漂浮垃圾"] },
  { code: "E0106", w: 3, limitH: 24, depts: ["D16", "S"], words: ["绿地内有垃圾杂物"] },
  { code: "E0107", w: 1.5, limitH: 48, depts: ["S"], words: ["路边丢弃旧沙发", "废弃床垫占道"] },
  { code: "E0108", w: 1, limitH: 48, depts: ["D16"], words: ["树上挂有塑料袋和横幅残片"] },
  { code: "E0109", w: 0.4, limitH: 4, depts: ["S"], words: ["有人焚烧树叶垃圾"], season: [1, 1, 1, 1, 0.6, 0.5, 0.5, 0.5, 1, 2.5, 3, 1.5] },
  { code: "E0110", w: 1.2, limitH: 24, depts: ["D13", "D25"], words: ["餐馆油烟直排"], night: 0.3 },
  { code: "E0201", w: 6, limitH: 24, depts: ["S", "D12"], words: ["墙面和电线杆张贴小广告", "路面喷涂办证小广告"] },
  { code: "E0202", w: 2, limitH: 72, depts: ["D13"], words: ["门头违规悬挂广告牌"] },
  { code: "E0203", w: 1.5, limitH: 24, depts: ["S"], words: ["商户在人行道摆放广告牌"], town: 1 },
  { code: "E0204", w: 0.8, limitH: 4, depts: ["S"], words: ["路口有人散发广告传单"] },
  { code: "E0205", w: 0.8, limitH: 24, depts: ["S"], words: ["违规悬挂横幅"] },
  { code: "E0301", w: 1, limitH: 12, depts: ["D14", "D13"], words: ["工地夜间施工噪音扰民"], night: 0.5, season: SUMMER },
  { code: "E0302", w: 1.5, limitH: 24, depts: ["D14", "D13"], words: ["工地未覆盖防尘网，扬尘较大"], season: SPRING, town: -1 },
  { code: "E0303", w: 2, limitH: 12, depts: ["D13", "D12"], words: ["渣土车遗撒，路面泥土较多"], night: 0.3, town: -1 },
  { code: "E0304", w: 1, limitH: 48, depts: ["D14"], words: ["施工废料堆放路边"], town: -1 },
  { code: "E0305", w: 1, limitH: 48, depts: ["D14"], words: ["施工围挡占用人行道"], town: -1 },
  { code: "E0306", w: 0.3, limitH: 24, depts: ["D17"], words: ["未经许可开挖路面"] },
  { code: "E0401", w: 0.2, limitH: 4, depts: ["D17"], words: ["路面出现塌陷"] },
  { code: "E0402", w: 0.3, limitH: 4, depts: ["D19"], words: ["自来水管破裂，路面冒水"], season: WINTER },
  { code: "E0403", w: 0.05, limitH: 2, depts: ["D20"], words: ["闻到燃气泄漏气味"] },
  { code: "E0404", w: 1.2, limitH: 12, depts: ["D17"], words: ["下水道堵塞污水外溢"] },
  { code: "E0405", w: 0.1, limitH: 8, depts: ["D17"], words: ["供暖管道破损冒热气"], season: [3, 2, 1, 0, 0, 0, 0, 0, 0, 0.5, 2, 3] },
  { code: "E0406", w: 0, limitH: 4, depts: ["D17"], words: ["道路积水严重，行人车辆通行困难"] },
  { code: "E0407", w: 0, limitH: 8, depts: ["S", "D12"], words: ["路面积雪结冰，行人易滑倒"] },
  { code: "E0501", w: 7, limitH: 2, depts: ["S", "D13"], words: ["有流动商贩占道经营", "游商推车占道售卖水果"], season: SUMMER, night: 0.35, town: 1 },
  { code: "E0502", w: 0.3, limitH: 4, depts: ["S"], words: ["有人流浪乞讨"] },
  { code: "E0503", w: 0.6, limitH: 4, depts: ["S"], words: ["占道收购废品"] },
  { code: "E0504", w: 12, limitH: 2, depts: ["S", "D13"], words: ["商户店外经营", "商户出店摆放货物", "饭店占道摆放桌椅"], town: 1 },
  { code: "E0505", w: 6, limitH: 2, depts: ["D24", "S"], words: ["机动车占用人行道停放", "车辆乱停堵塞消防通道"] },
  { code: "E0506", w: 4, limitH: 2, depts: ["S"], words: ["电动车乱停放"] },
  { code: "E0507", w: 5, limitH: 12, depts: ["S"], words: ["门前乱堆杂物", "人行道堆放建材"] },
  { code: "E0508", w: 1, limitH: 2, depts: ["D13"], words: ["商户使用高音喇叭招揽顾客"], season: SUMMER, night: 0.5, town: 1 },
  { code: "E0509", w: 0.2, limitH: 2, depts: ["D24"], words: ["车站附近黑车拉客"] },
  { code: "E0510", w: 2, limitH: 2, depts: ["S", "D13"], words: ["夜市摊点露天烧烤，油烟较大", "商户在人行道露天烧烤"], season: BBQ, night: 0.7, town: 1 },
  { code: "E0511", w: 1.5, limitH: 12, depts: ["S"], words: ["沿街晾晒衣物"], season: SUMMER },
  { code: "E0601", w: 3, limitH: 4, depts: ["S"], words: ["共享单车乱停放占用盲道"] },
  { code: "E0602", w: 0.5, limitH: 48, depts: ["S"], words: ["私设地锁占用公共车位"] },
  { code: "C0101", w: 1, limitH: 24, depts: ["D19"], words: ["上水井盖破损"] },
  { code: "C0102", w: 1.2, limitH: 24, depts: ["D17"], words: ["污水井盖缺失", "污水井盖松动有异响"] },
  { code: "C0103", w: 1.2, limitH: 24, depts: ["D17"], words: ["雨水井盖破损"] },
  { code: "C0104", w: 1.5, limitH: 24, depts: ["D17"], words: ["雨水篦子堵塞", "雨水篦子缺失"] },
  { code: "C0105", w: 0.5, limitH: 48, depts: ["D18"], words: ["电力井盖破损"] },
  { code: "C0106", w: 0.3, limitH: 48, depts: ["D17"], words: ["路灯井盖缺失"] },
  { code: "C0107", w: 0.8, limitH: 72, depts: ["D21", "D22", "D23"], words: ["通信井盖下沉"] },
  { code: "C0111", w: 0.2, limitH: 24, depts: ["D20"], words: ["燃气井盖破损"] },
  { code: "C0113", w: 0.3, limitH: 72, depts: ["D17"], words: ["无主井盖破损"] },
  { code: "C0114", w: 0.3, limitH: 72, depts: ["D19"], words: ["消火栓漏水"] },
  { code: "C0118", w: 3, limitH: 72, depts: ["D17"], words: ["路灯不亮", "路灯白天常亮"], season: WINTER },
  { code: "C0120", w: 0.5, limitH: 72, depts: ["D17"], words: ["景观灯损坏"] },
  { code: "C0203", w: 0.5, limitH: 72, depts: ["D17"], words: ["公交站亭玻璃破损"] },
  { code: "C0210", w: 0.5, limitH: 72, depts: ["D24"], words: ["交通标志牌倾斜"] },
  { code: "C0211", w: 0.5, limitH: 24, depts: ["D24"], words: ["交通信号灯故障"] },
  { code: "C0212", w: 1.5, limitH: 72, depts: ["D17", "D24"], words: ["道路护栏倒伏"] },
  { code: "C0213", w: 0.5, limitH: 72, depts: ["D24"], words: ["隔离墩缺失"] },
  { code: "C0217", w: 2, limitH: 120, depts: ["D17"], words: ["人行道板破损松动"] },
  { code: "C0218", w: 0.5, limitH: 120, depts: ["D17"], words: ["盲道砖破损"] },
  { code: "C0301", w: 0.5, limitH: 24, depts: ["D12"], words: ["公厕设施损坏"] },
  { code: "C0302", w: 0.3, limitH: 48, depts: ["D12"], words: ["垃圾楼周边脏乱"] },
  { code: "C0304", w: 0.8, limitH: 72, depts: ["D13"], words: ["广告牌匾破损存在安全隐患"] },
  { code: "C0305", w: 2, limitH: 48, depts: ["D12"], words: ["果皮箱破损"] },
  { code: "C0306", w: 2.5, limitH: 48, depts: ["D12"], words: ["垃圾箱破损缺盖"] },
  { code: "C0401", w: 0.05, limitH: 120, depts: ["D16"], words: ["古树枝干枯需修剪"] },
  { code: "C0402", w: 2, limitH: 72, depts: ["D16"], words: ["行道树枝杈断裂", "行道树倾斜"], season: SUMMER },
  { code: "C0403", w: 0.8, limitH: 120, depts: ["D16"], words: ["护树板缺失"] },
  { code: "C0404", w: 0.4, limitH: 120, depts: ["D16"], words: ["花钵破损"] },
  { code: "C0405", w: 1.5, limitH: 120, depts: ["D16"], words: ["绿地被踩踏黄土裸露"] },
  { code: "C0601", w: 0.4, limitH: 120, depts: ["S"], words: ["健身器材损坏"] },
  { code: "C0602", w: 0.3, limitH: 120, depts: ["D17"], words: ["公共座椅损坏"] }
];
const CAT_BY_CODE = new Map(CATS.map((c) => [c.code, c]));

/**
 * From this month on the platform has a local minor category and a department that the shipped code lists do not
 * know, and exports closed cases with another vendor's status wording (profiles.ts): the ingest must keep them and list
 * them as new values, every day the sample is rebuilt.
 */
export const LOCAL_CHANGES_FROM: YearMonth = { year: 2025, month: 7 };
/** A local category of the newer platform (飞线充电 of e-bikes, a campaign topic from 2025). */
const LOCAL_CATEGORY: CatModel = { code: "E05", local: "电动车飞线充电", w: 2.5, limitH: 4, depts: ["S", "D13"], words: ["楼道飞线给电动车充电", "居民楼下私拉电线充电"], night: 0.4 };
/** A unit created in a 2025 reorganization: the residential-area facilities it took over are dispatched to it. */
export const NEW_DEPARTMENT = "区住房保障和房产服务中心";
const NEW_DEPARTMENT_TAKES = new Set(["C0601", "C0602", "E0602"]);

const localChanges = (ym: YearMonth) => compareYm(ym, LOCAL_CHANGES_FROM) >= 0;

export type PlatformSource = "supervisor" | "hotline_12319" | "hotline_12345" | "video" | "public_report" | "leader_assigned" | "media";

const SOURCE_BIAS: Partial<Record<PlatformSource, Record<string, number>>> = {
  video: { E0504: 3, E0505: 2, E0510: 2, E0501: 2, E0102: 1.5, E0506: 1.5 },
  public_report: { E0508: 3, E0510: 3, E0110: 3, E0101: 3, E0301: 3, E0302: 2 },
  leader_assigned: { E0101: 4, E0303: 3, E0302: 3, E0504: 2 },
  media: { E0101: 4, E0303: 3, E0504: 3, C0102: 3 }
};

function componentBias(source: PlatformSource): number {
  return source === "video" ? 0.2 : source === "supervisor" ? 1 : 0.6;
}

const samplerCache = new Map<string, Sampler<CatModel>>();

function categorySampler(source: PlatformSource, month: number, streetIdx: number, local = false): Sampler<CatModel> {
  const key = `${source}:${month}:${streetIdx}:${local}`;
  let s = samplerCache.get(key);
  if (!s) {
    const town = STREET_TRAITS[streetIdx].oldTown;
    const bias = SOURCE_BIAS[source] ?? {};
    const cats = local ? [...CATS, LOCAL_CATEGORY] : CATS;
    const weights = cats.map((c) => {
      let w = c.w * (c.season ? c.season[month - 1] : 1) * (bias[c.code] ?? 1);
      if (c.code.startsWith("C")) w *= componentBias(source);
      if (c.town === 1) w *= 0.5 + town;
      if (c.town === -1) w *= 1.5 - town;
      return w;
    });
    s = new Sampler(cats, weights);
    samplerCache.set(key, s);
  }
  return s;
}

const streetSampler = new Sampler(
  STREET_TRAITS.map((_, i) => i),
  STREET_TRAITS.map((t) => t.weight)
);

export function drawStreet(rng: Rng): number {
  return streetSampler.draw(rng);
}

const SUPERVISOR_HOURS = new Sampler([8, 9, 10, 11, 14, 15, 16, 17], [0.9, 1.2, 1.2, 0.7, 0.6, 1.2, 1.2, 0.9]);
const NIGHT_HOURS = new Sampler([18, 19, 20, 21, 22, 23], [0.6, 1.2, 1.5, 1.5, 1.0, 0.4]);
const VIDEO_HOURS = new Sampler(
  Array.from({ length: 24 }, (_, h) => h),
  [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.2, 1.5, 1.5, 1.5, 1.4, 1.2, 1.1, 1.3, 1.4, 1.4, 1.5, 1.6, 1.7, 1.6, 1.2, 0.8, 0.5]
);
const PUBLIC_HOURS = new Sampler(
  Array.from({ length: 16 }, (_, i) => i + 7),
  [0.5, 1, 1.3, 1.3, 1.1, 0.9, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.4, 1.4, 1.2, 0.8]
);

export interface Location {
  streetIdx: number;
  community: string;
  grid: string;
  road: string;
  address: string;
  x: number;
  y: number;
}

const point = ([x, y]: [number, number]) => ({ x, y });

export function drawLocation(rng: Rng, streetIdx: number, minor?: string): Location {
  const t = STREET_TRAITS[streetIdx];
  const c = rng.pick(t.street.communities);
  const road = rng.pick(t.roads);
  const address = rng.chance(0.25)
    ? `许昌市魏都区${road}与${rng.pick(t.roads.filter((r) => r !== road).concat(["光明路"]))}交叉口`
    : `许昌市魏都区${road}${rng.int(1, 460)}号附近`;
  return {
    streetIdx,
    community: c.code,
    grid: `${c.code}${String(rng.int(1, 12)).padStart(2, "0")}`,
    road,
    address,
    // the point's own stream, keyed by the two draws that used to place it, so that the other generators' streams stay as they were
    ...point(casePoint(rng.fork(`geo:${rng.normal()}:${rng.normal()}`), streetIdx, road, minor))
  };
}

/** A platform case created from a hotline order (source 12319/12345). */
export interface PlatformSpawn {
  reported: Time;
  source: "hotline_12319" | "hotline_12345";
  minor: string;
  loc: Location;
  phone: string;
  description: string;
  /** Filled in when the platform assigns the case id. */
  ref: { id: string | null };
}

interface PlatformCase {
  id: string;
  source: PlatformSource;
  cat: CatModel;
  loc: Location;
  description: string;
  phone: string | null;
  reported: Time;
  registered: Time | null;
  dispatched: Time | null;
  due0: Time | null;
  due: Time | null;
  extendedAt: Time | null;
  handled: Time | null;
  closed: Time | null;
  voidAt: Time | null;
  /** 不予立案: a valid report that is not filed. */
  notFiledAt: Time | null;
  department: string | null;
  rework: number;
  extension: number;
  closeType: string | null;
  last: string;
  ref?: { id: string | null };
}

const round = (t: number) => Math.round(t / MINUTE) * MINUTE;

function department(cat: CatModel, streetIdx: number, rng: Rng, reported: Time): string {
  const d = rng.pick(cat.depts);
  if (NEW_DEPARTMENT_TAKES.has(cat.code) && reported >= monthStart(LOCAL_CHANGES_FROM)) return NEW_DEPARTMENT;
  return d === "S" ? DEPARTMENTS[streetIdx].code : d;
}

function lifecycle(c: PlatformCase, rng: Rng): void {
  const t0 = c.reported;
  const nightShift = (t: Time) => {
    const h = parts(t).hh;
    return h >= 23 || h < 7 ? rng.lognormal(4 * HOUR, 0.4) : 0;
  };
  if (rng.chance(0.03)) {
    c.voidAt = round(t0 + rng.lognormal(25 * MINUTE, 0.8) + nightShift(t0));
    return;
  }
  if (rng.chance(0.01)) {
    c.notFiledAt = round(t0 + rng.lognormal(2 * HOUR, 0.6) + nightShift(t0));
    return;
  }
  c.registered = round(t0 + rng.lognormal(9 * MINUTE, 0.9) + nightShift(t0));
  const r = rng.next();
  if (r < 0.02 || (r < 0.025 && c.source !== "supervisor")) {
    c.closed = round(c.registered + rng.lognormal(40 * MINUTE, 0.7));
    c.closeType = r < 0.02 ? "duplicate" : "out_of_scope";
    return;
  }
  c.dispatched = round(c.registered + rng.lognormal(14 * MINUTE, 1.0));
  c.department = department(c.cat, c.loc.streetIdx, rng, c.reported);
  const limit = c.cat.limitH * HOUR;
  c.due0 = c.dispatched + limit;
  c.due = c.due0;
  const utility = ["D18", "D19", "D20", "D21", "D22", "D23"].includes(c.department) ? 1.5 : 1;
  // some cases are never handled (disputed between units, or waiting on works that never come): open at every export
  if (rng.chance(0.012 * STREET_TRAITS[c.loc.streetIdx].slowness * utility)) return;
  let duration = limit * rng.lognormal(0.3 * STREET_TRAITS[c.loc.streetIdx].slowness * utility, 0.95);
  // 挂账: cases that stay open for months (shuffled between units, waiting for funds); some outlive the export
  if (rng.chance(0.025 * STREET_TRAITS[c.loc.streetIdx].slowness)) duration += rng.int(20, 420) * DAY;
  duration = Math.min(duration, 450 * DAY);
  if (duration > limit * 0.9 && rng.chance(0.35)) {
    c.extension = rng.chance(0.85) ? 1 : 2;
    c.extendedAt = c.dispatched + limit * 0.8;
    c.due = c.due0 + limit * c.extension;
  }
  if (rng.chance(0.05)) {
    c.rework = rng.chance(0.9) ? 1 : 2;
    duration += c.rework * limit * rng.lognormal(0.25, 0.6);
  }
  c.handled = round(c.dispatched + Math.max(5 * MINUTE, duration));
  c.closed = intoHours(round(c.handled + rng.lognormal(2 * HOUR, 0.8)), 7, 23, rng.int(0, 90));
  c.closeType = rng.chance(0.012) ? "not_verified" : "normal";
}

function statusAt(c: PlatformCase, T: Time): string {
  if (c.voidAt !== null) return c.voidAt < T ? "void" : "reported";
  if (c.notFiledAt !== null) return c.notFiledAt < T ? "not_filed" : "reported";
  if (c.closed !== null && c.closed < T) return "closed";
  if (c.handled !== null && c.handled < T) return "handled";
  if (c.dispatched !== null && c.dispatched < T) return "dispatched";
  if (c.registered !== null && c.registered < T) return "registered";
  return "reported";
}

const iso = (t: Time | null, T: Time) => (t !== null && t < T ? isoDateTime(t) : null);

function snapshot(c: PlatformCase, T: Time): Row {
  const cat = categoryByCode(c.cat.code)!;
  const status = statusAt(c, T);
  const done = status === "closed" || status === "handled";
  return {
    case_id: c.id,
    source: c.source,
    problem_type: cat.type,
    category_major: c.cat.local ? cat.code : cat.parent,
    category_minor: c.cat.local ?? cat.code,
    street: STREETS[c.loc.streetIdx].code,
    community: c.loc.community,
    grid: c.loc.grid,
    description: c.description,
    address: c.loc.address,
    reported_at: isoDateTime(c.reported),
    registered_at: iso(c.registered, T),
    dispatched_at: iso(c.dispatched, T),
    due_at: c.dispatched !== null && c.dispatched < T ? isoDateTime(c.extendedAt !== null && c.extendedAt < T ? c.due! : c.due0!) : null,
    handled_at: iso(c.handled, T),
    closed_at: iso(c.closed, T),
    department: c.dispatched !== null && c.dispatched < T ? c.department : null,
    status,
    rework_count: done ? c.rework : 0,
    extension_count: c.extendedAt !== null && c.extendedAt < T ? c.extension : 0,
    close_type: status === "closed" ? c.closeType : null,
    ...exportedCoordinates([c.loc.x, c.loc.y], T, c.id),
    reporter_phone: c.phone
  };
}

function isFinal(status: string): boolean {
  return status === "closed" || status === "void" || status === "not_filed";
}

function describe(rng: Rng, cat: CatModel, loc: Location): string {
  const where = rng.chance(0.5) ? `${loc.road}路段` : rng.chance(0.5) ? `${loc.road}${rng.int(1, 460)}号附近` : `${loc.road}沿线`;
  return `${where}${rng.pick(cat.words)}`;
}

export interface PlatformMonth {
  /** Rows of the month's export, produced lazily day by day; iterate exactly once. */
  rows: Iterable<Row>;
  /** Cases first reported in this month; final once `rows` has been consumed. */
  stats: { newCases: number };
}

export class PlatformGenerator {
  private open: PlatformCase[] = [];
  private carrySpawns: PlatformSpawn[] = [];

  constructor(
    readonly seed: number,
    readonly scale: number,
    readonly snow: Set<Time>,
    readonly rain: Set<Time>
  ) {}

  private newCase(source: PlatformSource, cat: CatModel, loc: Location, reported: Time, rng: Rng, description?: string, phone?: string | null): PlatformCase {
    const c: PlatformCase = {
      id: "",
      source,
      cat,
      loc,
      description: description ?? describe(rng, cat, loc),
      phone: phone !== undefined ? phone : source === "public_report" || source === "media" ? mobile(rng) : null,
      reported,
      registered: null,
      dispatched: null,
      due0: null,
      due: null,
      extendedAt: null,
      handled: null,
      closed: null,
      voidAt: null,
      notFiledAt: null,
      department: null,
      rework: 0,
      extension: 0,
      closeType: null,
      last: ""
    };
    lifecycle(c, rng);
    return c;
  }

  private dayCases(day: Time, ym: YearMonth, rng: Rng): PlatformCase[] {
    const p = parts(day);
    const workday = p.dow !== 0 && p.dow !== 6;
    const k = PLATFORM_SEASON[p.m - 1] * growth(p.y) * holidayFactor(day) * this.scale;
    const out: PlatformCase[] = [];
    const add = (source: PlatformSource, lambda: number, hours: Sampler<number>) => {
      const n = rng.poisson(lambda);
      for (let i = 0; i < n; i++) {
        const streetIdx = drawStreet(rng);
        const cat = categorySampler(source, ym.month, streetIdx, localChanges(ym)).draw(rng);
        const h = cat.night && rng.chance(cat.night) ? NIGHT_HOURS.draw(rng) : hours.draw(rng);
        const t = day + h * HOUR + rng.int(0, 59) * MINUTE;
        out.push(this.newCase(source, cat, drawLocation(rng, streetIdx, cat.code), t, rng));
      }
    };
    add("supervisor", 80 * k * (workday ? 1.12 : 0.62), SUPERVISOR_HOURS);
    add("video", 12 * growth(p.y) * this.scale * (p.m >= 6 && p.m <= 8 ? 1.2 : 1), VIDEO_HOURS);
    add("public_report", 6 * k, PUBLIC_HOURS);
    add("leader_assigned", (workday ? 0.8 : 0.1) * this.scale, SUPERVISOR_HOURS);
    add("media", 0.15 * this.scale, PUBLIC_HOURS);
    const extra = (code: string, lambda: number, hours: Sampler<number>) => {
      const n = rng.poisson(lambda * this.scale);
      const cat = CAT_BY_CODE.get(code)!;
      for (let i = 0; i < n; i++) {
        const t = day + hours.draw(rng) * HOUR + rng.int(0, 59) * MINUTE;
        out.push(this.newCase(rng.chance(0.8) ? "supervisor" : "video", cat, drawLocation(rng, drawStreet(rng), cat.code), t, rng));
      }
    };
    if (this.snow.has(day)) {
      extra("E0407", 45, SUPERVISOR_HOURS);
      extra("C0402", 6, SUPERVISOR_HOURS);
      extra("C0118", 3, NIGHT_HOURS);
    }
    if (this.rain.has(day)) {
      extra("E0406", 20, VIDEO_HOURS);
      extra("C0104", 8, SUPERVISOR_HOURS);
      extra("C0402", 4, SUPERVISOR_HOURS);
    }
    return out;
  }

  /** Generate the cases of one month; the export rows are produced while iterating. */
  month(ym: YearMonth, spawns: PlatformSpawn[]): PlatformMonth {
    const rng = new Rng(this.seed, `platform:${ym.year}-${ym.month}`);
    const start = monthStart(ym);
    const T = monthEnd(ym);
    const allSpawns = [...this.carrySpawns, ...spawns];
    this.carrySpawns = allSpawns.filter((s) => s.reported >= T);
    const byDay = new Map<Time, PlatformSpawn[]>();
    for (const s of allSpawns) {
      if (s.reported < start || s.reported >= T) continue;
      const d = dayStart(s.reported);
      const list = byDay.get(d);
      if (list) list.push(s);
      else byDay.set(d, [s]);
    }
    const stats = { newCases: 0 };
    const self = this;
    function* rows(): Generator<Row> {
      const stillOpen: PlatformCase[] = [];
      for (const c of self.open) {
        const st = statusAt(c, T);
        if (st !== c.last) {
          yield snapshot(c, T);
          c.last = st;
        }
        if (!isFinal(st)) stillOpen.push(c);
      }
      for (let i = 0; i < daysInMonth(ym); i++) {
        const day = start + i * DAY;
        const list = self.dayCases(day, ym, rng);
        for (const s of byDay.get(day) ?? []) {
          const c = self.newCase(s.source, CAT_BY_CODE.get(s.minor)!, s.loc, s.reported, rng, s.description, s.phone);
          c.ref = s.ref;
          list.push(c);
        }
        list.sort((a, b) => a.reported - b.reported);
        const stamp = isoDate(day).replaceAll("-", "");
        if (stamp === PROBE_DAY && list.length >= SAFETY_PROBES.length) {
          SAFETY_PROBES.forEach((text, k) => (list[list.length - 1 - k].description = text));
        }
        for (let j = 0; j < list.length; j++) {
          const c = list[j];
          c.id = `${stamp}${String(j + 1).padStart(5, "0")}`;
          if (c.ref) c.ref.id = c.id;
          const row = snapshot(c, T);
          c.last = row.status as string;
          if (!isFinal(c.last)) stillOpen.push(c);
          yield row;
        }
        stats.newCases += list.length;
      }
      self.open = stillOpen;
    }
    return { rows: rows(), stats };
  }

  /** Invalid rows for a month's export: fresh cases broken in one of the ways real exports break. */
  invalid(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
    const reasons: InvalidReason[] = ["missing_id", "bad_date", "end_before_start", "damaged_id", "negative_value"];
    const out: InvalidRow[] = [];
    const start = monthStart(ym);
    for (let i = 0; i < count; i++) {
      const streetIdx = drawStreet(rng);
      const cat = categorySampler("supervisor", ym.month, streetIdx).draw(rng);
      const t = start + rng.int(0, daysInMonth(ym) - 1) * DAY + SUPERVISOR_HOURS.draw(rng) * HOUR + rng.int(0, 59) * MINUTE;
      const c = this.newCase("supervisor", cat, drawLocation(rng, streetIdx, cat.code), t, rng);
      c.id = `${isoDate(t).replaceAll("-", "")}9${String(rng.int(0, 9999)).padStart(4, "0")}`;
      const row = snapshot(c, monthEnd(ym) + 30 * DAY);
      const reason = rng.pick(reasons);
      const bad: InvalidRow = { reason, row };
      switch (reason) {
        case "missing_id":
          row.case_id = null;
          break;
        case "bad_date":
          bad.override = { reported_at: rng.pick(["待补录", `${ym.year}-13-0${rng.int(1, 9)} 08:30`, `${ym.year}年2月30日 09:15`, "#VALUE!"]) };
          break;
        case "end_before_start":
          row.status = "closed";
          row.closed_at = isoDateTime(c.reported - rng.int(1, 10) * DAY);
          break;
        case "damaged_id":
          // the id pasted through a number cell: Excel keeps 15 digits and writes the rest as an exponent
          bad.override = { case_id: `${c.id.slice(0, 1)}.${c.id.slice(1, 6)}E+${c.id.length - 1}` };
          break;
        case "negative_value":
          row.rework_count = -1;
          break;
      }
      out.push(bad);
    }
    return out;
  }
}
