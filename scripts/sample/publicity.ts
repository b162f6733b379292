import { STREETS } from "./codes.ts";
import { at, HOUR, isoDate, parts, type Time, type YearMonth } from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { road } from "./people.ts";
import { Rng, Sampler } from "./random.ts";
import { type Versioned, workdayBetween } from "./timeline.ts";

type Row = Record<string, unknown>;
type Level = "national" | "provincial" | "municipal" | "district";

/** The bureau's 2024 report (part 二（四）): 460 items = 12 national + 53 provincial + 352 municipal + 43 district. */
export const PUBLICITY_2024: Readonly<Record<Level, number>> = { national: 12, provincial: 53, municipal: 352, district: 43 };

const MEDIA: Record<Level, string[]> = {
  national: ["人民网", "新华网", "中国建设报", "中国城市报", "学习强国", "法治日报"],
  provincial: ["河南日报", "大河网", "河南广播电视台", "河南法治报", "顶端新闻", "学习强国河南学习平台"],
  municipal: ["许昌日报", "许昌晨报", "许昌广播电视台", "许昌网", "许昌发布", "许昌城管微信公众号"],
  district: ["魏都区融媒体中心", "魏都发布", "今日魏都"]
};

const GENERAL_TOPICS = [
  "店外经营专项整治", "渣土车辆专项整治", "违法建设治理", "户外广告规范整治", "背街小巷环境提升", "垃圾分类宣传", "创建全国文明城市",
  "城市精细化管理", "优化营商环境", "执法规范化建设", "行政执法“三项制度”落实", "普法宣传进社区", "文明规范执法", "占道经营疏堵结合", "市容环境卫生整治"
];
const SEASONAL: Array<[number[], string]> = [
  [[6, 7, 8], "夜市烧烤油烟整治"],
  [[6, 7, 8], "防汛排涝"],
  [[7, 8], "高温天气关爱环卫工人"],
  [[3, 4, 5], "扬尘污染治理"],
  [[12, 1, 2], "清雪除冰"],
  [[1, 2, 9, 10], "节日市容环境保障"]
];
const PATTERNS = [
  (s: string, t: string) => `${s}开展${t}行动`,
  (s: string, t: string) => `${s}：${t}见实效`,
  (s: string, t: string) => `${s}扎实推进${t}`,
  (s: string, t: string) => `${s}多措并举推进${t}`,
  (s: string, t: string) => `${s}持续深化${t}`,
  (s: string, t: string) => `${s}召开${t}工作推进会`,
  (s: string, t: string) => `守护城市颜值 ${s}${t}在行动`,
  (s: string, t: string) => `${s}“${t}”取得阶段性成效`,
  (s: string, t: string) => `${s}全力以赴做好${t}工作`
];
const SUBJECTS = ["魏都区城管局", "魏都城管", "魏都区城市管理局", ...STREETS.map((s) => s.name)];
const MONTH_WEIGHTS = [0.7, 0.6, 1.1, 1.0, 1.0, 1.1, 1.0, 0.9, 1.0, 0.9, 1.0, 1.2];

interface ThemePlan {
  theme: string;
  title: string;
  count: [number, number];
  window: (year: number) => [Time, Time];
}

const anyDay = (y: number): [Time, Time] => [at(y, 1, 5), at(y, 12, 25)];
const THEMES: ThemePlan[] = [
  { theme: "A01", title: "学雷锋活动暨创建全国文明城市志愿服务活动", count: [1, 2], window: (y) => [at(y, 3, 1), at(y, 3, 8)] },
  { theme: "A02", title: "“民法典宣传月”普法宣传活动", count: [1, 2], window: (y) => [at(y, 5, 6), at(y, 5, 30)] },
  { theme: "A03", title: "“防诈”宣传进社区活动", count: [2, 3], window: anyDay },
  { theme: "A04", title: "“安全生产月”宣传咨询日活动", count: [1, 2], window: (y) => [at(y, 6, 3), at(y, 6, 28)] },
  { theme: "A05", title: "垃圾分类知识宣传活动", count: [2, 4], window: anyDay },
  { theme: "A06", title: "《许昌市城市市容和环境卫生管理条例》宣传活动", count: [2, 3], window: anyDay },
  { theme: "A07", title: "“宪法宣传周”集中宣传活动", count: [1, 2], window: (y) => [at(y, 12, 1), at(y, 12, 7)] },
  { theme: "A08", title: "“12·4”国家宪法日宣传活动", count: [1, 1], window: (y) => [at(y, 12, 4), at(y, 12, 4)] },
  { theme: "A09", title: "全民国家安全教育日宣传活动", count: [1, 1], window: (y) => [at(y, 4, 15), at(y, 4, 15)] },
  { theme: "A10", title: "“谁执法谁普法”送法进商户活动", count: [3, 5], window: anyDay }
];

function levelCounts(rng: Rng, year: number): Record<Level, number> {
  if (year === 2024) return { ...PUBLICITY_2024 };
  const f = year === 2023 ? 0.88 : year === 2025 ? 1.06 : 1.1;
  const j = (n: number) => Math.max(1, Math.round(n * f * (0.9 + 0.2 * rng.next())));
  return { national: j(12), provincial: j(53), municipal: j(352), district: j(43) };
}

/** Publicity items and legal-education activities (one register, `kind` tells them apart). */
export function publicityRecords(seed: number, untilYear: number): Versioned[] {
  const out: Versioned[] = [];
  const months = new Sampler([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], MONTH_WEIGHTS);
  for (let year = 2023; year <= untilYear; year++) {
    const rng = new Rng(seed, `publicity:${year}`);
    const seen = new Set<string>();
    const counts = levelCounts(rng, year);
    for (const level of ["national", "provincial", "municipal", "district"] as Level[]) {
      for (let i = 0; i < counts[level]; i++) {
        for (;;) {
          const m = months.draw(rng);
          const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
          const day = rng.chance(0.85) ? workdayBetween(rng, at(year, m, 1), at(year, m, days)) : at(year, m, rng.int(1, days));
          const seasonal = SEASONAL.filter(([ms]) => ms.includes(parts(day).m)).map(([, t]) => t);
          const topic = seasonal.length > 0 && rng.chance(0.35) ? rng.pick(seasonal) : rng.pick(GENERAL_TOPICS);
          const title = rng.pick(PATTERNS)(rng.pick(SUBJECTS), topic);
          const media = rng.pick(MEDIA[level]);
          const key = `${isoDate(day)}|${media}|${title}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const url = level === "district" && rng.chance(0.6) ? `https://mp.weixin.qq.com/s/${randomToken(rng, 22)}` : null;
          const row: Row = { record_id: `item|${key}`, kind: "item", title, date: isoDate(day), media, level, theme: null, location: null, participants: null, url };
          out.push({ versions: [{ at: day + 10 * HOUR, row }] });
          break;
        }
      }
    }
    for (const plan of THEMES) {
      const n = rng.int(plan.count[0], plan.count[1]);
      const [from, to] = plan.window(year);
      for (let i = 0; i < n; i++) {
        const day = from === to ? from : workdayBetween(rng, from, to);
        const street = rng.pick(STREETS);
        const title = i === 0 ? `${year}年${plan.title}` : `${street.name}${plan.title}`;
        const key = `${isoDate(day)}||${title}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const community = rng.pick(street.communities);
        const location = rng.chance(0.5) ? `${street.name}${community.name}广场` : `许昌市魏都区${road(rng)}沿线商户`;
        const row: Row = {
          record_id: `activity|${key}`,
          kind: "activity",
          title,
          date: isoDate(day),
          media: null,
          level: null,
          theme: plan.theme,
          location,
          participants: rng.int(3, 60) * 10,
          url: null
        };
        out.push({ versions: [{ at: day + 15 * HOUR, row }] });
      }
    }
  }
  return out;
}

function randomToken(rng: Rng, n: number): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  let s = "";
  for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
}

export function invalidPublicity(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
  const reasons: InvalidReason[] = ["missing_required", "bad_date", "bad_date"];
  const out: InvalidRow[] = [];
  for (let i = 0; i < count; i++) {
    const day = at(ym.year, ym.month, rng.int(1, 28));
    const title = rng.pick(PATTERNS)(rng.pick(SUBJECTS), rng.pick(GENERAL_TOPICS));
    const media = rng.pick(MEDIA.municipal);
    const row: Row = { record_id: null, kind: "item", title, date: isoDate(day), media, level: "municipal", theme: null, location: null, participants: null, url: null };
    const reason = rng.pick(reasons);
    const bad: InvalidRow = { reason, row };
    if (reason === "missing_required") row.title = null;
    else bad.override = { date: rng.pick(["待补录", `${ym.year}年${ym.month}月`, `${ym.year}-${ym.month}-32`]) };
    out.push(bad);
  }
  return out;
}
