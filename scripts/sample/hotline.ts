import { STREETS } from "./codes.ts";
import { DAY, daysInMonth, HOUR, holidayFactor, intoHours, isoDate, isoDateTime, MINUTE, monthEnd, monthStart, parts, type Time, type YearMonth } from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { mobile, personName } from "./people.ts";
import { drawLocation, drawStreet, type Location, type PlatformSpawn } from "./platform.ts";
import { Rng, Sampler } from "./random.ts";
import { growth, HOTLINE_SEASON } from "./world.ts";

type Row = Record<string, unknown>;

interface Topic {
  code: string;
  w: number;
  season?: number[];
  /** Minor categories used when the order is forwarded to the platform. */
  minors: string[];
  phrases: string[];
  resolve: number;
}

const SUMMER = [0.5, 0.5, 0.7, 0.9, 1.2, 1.6, 1.8, 1.7, 1.2, 0.9, 0.6, 0.5];
const TOPICS: Topic[] = [
  { code: "T01", w: 14, minors: ["E0504"], phrases: ["商户长期店外经营，占用人行道", "饭店在门前摆桌经营"], resolve: 0.82 },
  { code: "T02", w: 7, season: SUMMER, minors: ["E0501"], phrases: ["小区门口流动摊贩较多，影响通行"], resolve: 0.8 },
  { code: "T03", w: 6, season: [0.15, 0.15, 0.4, 1, 2.5, 4.5, 5, 4.5, 2.5, 1, 0.4, 0.2], minors: ["E0510", "E0510", "E0110"], phrases: ["夜间露天烧烤油烟大，影响居民休息", "楼下饭店油烟直排"], resolve: 0.78 },
  { code: "T04", w: 8, season: [0.7, 0.7, 0.9, 1, 1.2, 1.4, 1.5, 1.4, 1.1, 1, 0.8, 0.7], minors: ["E0508", "E0301"], phrases: ["商户使用高音喇叭，噪音扰民", "工地夜间施工噪音大"], resolve: 0.8 },
  { code: "T05", w: 6, minors: ["E0101"], phrases: ["小区内有人私搭乱建", "楼顶违规加盖彩钢房"], resolve: 0.55 },
  { code: "T06", w: 12, minors: ["E0102", "E0103", "E0107"], phrases: ["垃圾长时间无人清运", "路边垃圾堆放有异味"], resolve: 0.88 },
  { code: "T07", w: 4, minors: ["E0303"], phrases: ["渣土车夜间遗撒，路面脏乱"], resolve: 0.8 },
  { code: "T08", w: 3, minors: ["E0201", "E0202", "E0203"], phrases: ["楼道和电线杆上小广告较多"], resolve: 0.85 },
  { code: "T09", w: 5, season: [1.3, 1.2, 1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.1, 1.3, 1.4], minors: ["C0118"], phrases: ["路灯不亮，夜间出行不便"], resolve: 0.9 },
  { code: "T10", w: 5, minors: ["C0102", "C0103", "C0217", "C0113"], phrases: ["井盖缺失存在安全隐患", "人行道板破损"], resolve: 0.86 },
  { code: "T11", w: 3, season: SUMMER, minors: ["C0402", "E0106"], phrases: ["行道树枝杈遮挡视线", "树木倾斜存在隐患"], resolve: 0.85 },
  { code: "T12", w: 7, minors: ["E0505", "E0506", "E0602"], phrases: ["车辆乱停占用消防通道", "私设地锁占用车位"], resolve: 0.75 },
  { code: "T13", w: 0.5, minors: ["E0406"], phrases: ["路面积水严重"], resolve: 0.9 },
  { code: "T14", w: 2, minors: [], phrases: ["反映执法人员态度问题", "对执法处理结果有异议"], resolve: 0.7 },
  { code: "T15", w: 6, minors: [], phrases: ["咨询门头招牌设置审批流程", "咨询建筑垃圾清运办理手续"], resolve: 0.95 },
  { code: "T99", w: 4, minors: [], phrases: ["反映其他城市管理问题"], resolve: 0.8 }
];
const TOPIC_BY_CODE = new Map(TOPICS.map((t) => [t.code, t]));

const HOURS = new Sampler(
  Array.from({ length: 24 }, (_, h) => h),
  [0.1, 0.05, 0.03, 0.03, 0.03, 0.1, 0.4, 0.9, 1.4, 1.6, 1.5, 1.2, 0.9, 1.0, 1.2, 1.2, 1.1, 1.0, 1.1, 1.3, 1.3, 1.0, 0.6, 0.3]
);
const KINDS = new Sampler(["complaint", "report", "help", "suggestion", "consult", "praise"], [55, 25, 10, 5, 3, 2]);
const SATISFACTION: Record<string, Sampler<string>> = {
  resolved: new Sampler(["very_satisfied", "satisfied", "understanding", "dissatisfied"], [50, 38, 9, 3]),
  partial: new Sampler(["very_satisfied", "satisfied", "understanding", "dissatisfied"], [15, 40, 30, 15]),
  unresolved: new Sampler(["very_satisfied", "satisfied", "understanding", "dissatisfied"], [3, 12, 40, 45])
};

interface Order {
  id: string;
  channel: "12319" | "12345";
  received: Time;
  topic: Topic;
  kind: string;
  content: string;
  loc: Location;
  responded: Time;
  closed: Time | null;
  visited: Time | null;
  result: string | null;
  satisfaction: string | null;
  caller: string;
  phone: string;
  spawn: PlatformSpawn | null;
  last: string;
}

function statusAt(o: Order, T: Time): string {
  if (o.visited !== null && o.visited < T) return "visited";
  if (o.closed !== null && o.closed < T) return "closed";
  return "in_progress";
}

function snapshot(o: Order, T: Time): Row {
  const status = statusAt(o, T);
  const closed = status !== "in_progress";
  return {
    order_no: o.id,
    channel: o.channel,
    received_at: isoDateTime(o.received),
    topic: o.topic.code,
    kind: o.kind,
    content: o.content,
    street: STREETS[o.loc.streetIdx].code,
    address: o.loc.address,
    responded_at: o.responded < T ? isoDateTime(o.responded) : null,
    closed_at: closed ? isoDateTime(o.closed!) : null,
    status,
    result: closed ? o.result : null,
    satisfaction: status === "visited" ? o.satisfaction : null,
    caller_name: o.caller,
    caller_phone: o.phone,
    platform_case_id: o.spawn && o.spawn.reported < T ? o.spawn.ref.id : null
  };
}

const round = (t: number) => Math.round(t / MINUTE) * MINUTE;

export class HotlineGenerator {
  private open: Order[] = [];
  private pending: Order[] = [];

  constructor(
    readonly seed: number,
    readonly scale: number,
    readonly snow: Set<Time>,
    readonly rain: Set<Time>
  ) {}

  private topicSampler = new Map<number, Sampler<Topic>>();

  private topics(month: number): Sampler<Topic> {
    let s = this.topicSampler.get(month);
    if (!s) {
      s = new Sampler(TOPICS, TOPICS.map((t) => t.w * (t.season ? t.season[month - 1] : 1)));
      this.topicSampler.set(month, s);
    }
    return s;
  }

  private order(rng: Rng, received: Time, topic: Topic, snowy: boolean): Order {
    const channel = rng.chance(0.7) ? "12345" : "12319";
    const loc = drawLocation(rng, drawStreet(rng));
    const caller = personName(rng);
    const phone = mobile(rng);
    const surname = caller[0];
    const phrase = topic.code === "T13" && snowy ? "路面积雪结冰无人清理" : rng.pick(topic.phrases);
    const content = rng.chance(0.3)
      ? `市民${surname}${rng.chance(0.5) ? "先生" : "女士"}反映：${loc.address}${phrase}，请尽快处理。联系电话${phone}。`
      : `来电人反映${loc.road}${rng.chance(0.5) ? "附近" : "沿线"}${phrase}，希望相关部门处理。`;
    const kind = topic.code === "T15" ? (rng.chance(0.9) ? "consult" : "help") : topic.code === "T14" ? "complaint" : KINDS.draw(rng);
    const responded = round(received + rng.lognormal(22 * MINUTE, 1.0));
    let closed: Time | null = round(received + rng.lognormal(34 * HOUR, 1.05) * (topic.code === "T05" ? 2.5 : 1));
    if (rng.chance(0.005)) closed = null;
    if (closed !== null) closed = intoHours(Math.max(closed, responded + 30 * MINUTE), 8, 21, rng.int(0, 150));
    const r = rng.next();
    const result = r < topic.resolve ? "resolved" : r < topic.resolve + (1 - topic.resolve) * 0.6 ? "partial" : "unresolved";
    const visited = closed !== null && rng.chance(0.9) ? intoHours(round(closed + rng.lognormal(20 * HOUR, 0.8)), 9, 20, rng.int(0, 120)) : null;
    const o: Order = {
      id: "",
      channel,
      received,
      topic,
      kind,
      content,
      loc,
      responded,
      closed,
      visited,
      result,
      satisfaction: visited !== null ? SATISFACTION[result].draw(rng) : null,
      caller,
      phone,
      spawn: null,
      last: ""
    };
    if (topic.minors.length > 0 && rng.chance(0.45)) {
      const minor = topic.code === "T13" && snowy ? "E0407" : rng.pick(topic.minors);
      o.spawn = {
        reported: round(received + rng.lognormal(18 * MINUTE, 0.8)),
        source: channel === "12345" ? "hotline_12345" : "hotline_12319",
        minor,
        loc,
        phone,
        description: `热线转办：${loc.road}${phrase}`,
        ref: { id: null }
      };
    }
    return o;
  }

  /** Generate the orders received in a month; returns platform spawns. Call rows() after the platform month. */
  generate(ym: YearMonth): PlatformSpawn[] {
    const rng = new Rng(this.seed, `hotline:${ym.year}-${ym.month}`);
    const start = monthStart(ym);
    const sampler = this.topics(ym.month);
    const fresh: Order[] = [];
    for (let i = 0; i < daysInMonth(ym); i++) {
      const day = start + i * DAY;
      const p = parts(day);
      const snowy = this.snow.has(day);
      const lambda = 40 * HOTLINE_SEASON[p.m - 1] * growth(p.y) * (p.dow === 0 || p.dow === 6 ? 0.85 : 1) * (0.6 + 0.4 * holidayFactor(day)) * this.scale;
      const list: Order[] = [];
      const n = rng.poisson(lambda);
      for (let j = 0; j < n; j++) list.push(this.order(rng, day + HOURS.draw(rng) * HOUR + rng.int(0, 59) * MINUTE, sampler.draw(rng), snowy));
      const weather = (snowy ? 25 : 0) + (this.rain.has(day) ? 12 : 0);
      const m = rng.poisson(weather * this.scale);
      for (let j = 0; j < m; j++) list.push(this.order(rng, day + HOURS.draw(rng) * HOUR + rng.int(0, 59) * MINUTE, TOPIC_BY_CODE.get("T13")!, snowy));
      list.sort((a, b) => a.received - b.received);
      const stamp = isoDate(day).replaceAll("-", "");
      const seq = { "12345": 0, "12319": 0 };
      for (const o of list) o.id = `${o.channel === "12345" ? "ZW" : "CG"}${stamp}${String(++seq[o.channel]).padStart(5, "0")}`;
      fresh.push(...list);
    }
    this.pending = fresh;
    return fresh.flatMap((o) => (o.spawn ? [o.spawn] : []));
  }

  /** Rows of the month's export: updates of earlier orders, then this month's orders. */
  rows(ym: YearMonth): { rows: Row[]; newOrders: number } {
    const T = monthEnd(ym);
    const rows: Row[] = [];
    const stillOpen: Order[] = [];
    for (const o of this.open) {
      const st = statusAt(o, T);
      if (st !== o.last) {
        rows.push(snapshot(o, T));
        o.last = st;
      }
      if (st !== "visited" && !(st === "closed" && o.visited === null)) stillOpen.push(o);
    }
    for (const o of this.pending) {
      const row = snapshot(o, T);
      rows.push(row);
      o.last = row.status as string;
      if (o.last !== "visited" && !(o.last === "closed" && o.visited === null)) stillOpen.push(o);
    }
    const newOrders = this.pending.length;
    this.open = stillOpen;
    this.pending = [];
    return { rows, newOrders };
  }

  invalid(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
    const reasons: InvalidReason[] = ["missing_id", "bad_date", "end_before_start", "bad_date"];
    const out: InvalidRow[] = [];
    for (let i = 0; i < count; i++) {
      const t = monthStart(ym) + rng.int(0, daysInMonth(ym) - 1) * DAY + HOURS.draw(rng) * HOUR + rng.int(0, 59) * MINUTE;
      const o = this.order(rng, t, this.topics(ym.month).draw(rng), false);
      o.id = `CG${isoDate(t).replaceAll("-", "")}9${String(rng.int(0, 9999)).padStart(4, "0")}`;
      o.spawn = null;
      const row = snapshot(o, monthEnd(ym) + 60 * DAY);
      const reason = rng.pick(reasons);
      const bad: InvalidRow = { reason, row };
      if (reason === "missing_id") row.order_no = null;
      else if (reason === "bad_date") bad.override = { received_at: rng.pick(["待补录", "0000-00-00 00:00", `${ym.year}年13月${rng.int(1, 28)}日`]) };
      else {
        row.closed_at = isoDateTime(t - rng.int(1, 5) * DAY);
        row.status = "closed";
        row.result = "resolved";
      }
      out.push(bad);
    }
    return out;
  }
}
