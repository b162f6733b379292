import { at, HOUR, isoDate, type YearMonth } from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { Rng, Sampler } from "./random.ts";
import { type Versioned, workdayBetween } from "./timeline.ts";

type Row = Record<string, unknown>;

const TOPICS: Record<string, string[]> = {
  enforcement_business: ["城市管理执法文书制作规范培训", "执法记录仪使用及全过程记录规范培训", "行政执法“三项制度”专题培训", "文明规范执法与执法礼仪培训", "执法案卷评查问题讲评"],
  laws_regulations: [
    "《中华人民共和国行政处罚法》专题培训",
    "《许昌市城市市容和环境卫生管理条例》解读",
    "习近平法治思想专题学习",
    "《中华人民共和国民法典》学习培训",
    "《河南省住房和城乡建设行政处罚裁量基准》培训",
    "《城市管理执法办法》《城市管理执法行为规范》学习"
  ],
  legal_review: ["重大执法决定法制审核要点培训", "行政处罚案件法制审核实务培训", "行政复议与行政应诉实务培训"]
};
const TYPES = new Sampler(["enforcement_business", "laws_regulations", "legal_review"], [45, 40, 15]);
const ORGANIZERS = ["政策法规股", "城市管理综合执法大队", "办公室", "人事股"];
const PLACES = ["局三楼会议室", "执法大队会议室", "区委党校", "线上（视频会议）"];
const MONTHS = new Sampler([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0.4, 0.3, 1.2, 1.2, 1.1, 1.0, 0.8, 0.8, 1.1, 1.0, 1.2, 0.9]);

function sessions(rng: Rng, year: number): number {
  if (year === 2024) return 12;
  if (year === 2023) return rng.int(9, 11);
  return rng.int(13, 16);
}

export function trainingRecords(seed: number, untilYear: number): Versioned[] {
  const out: Versioned[] = [];
  for (let year = 2023; year <= untilYear; year++) {
    const rng = new Rng(seed, `training:${year}`);
    const seen = new Set<string>();
    const n = sessions(rng, year);
    for (let i = 0; i < n; i++) {
      const m = MONTHS.draw(rng);
      const day = workdayBetween(rng, at(year, m, 1), at(year, m, 28));
      const type = TYPES.draw(rng);
      let topic = rng.pick(TOPICS[type]);
      if (seen.has(`${isoDate(day)}|${topic}`)) topic += "（第二期）";
      seen.add(`${isoDate(day)}|${topic}`);
      const allStaff = type === "laws_regulations" && rng.chance(0.4);
      const row: Row = {
        record_id: `${isoDate(day)}|${topic}`,
        date: isoDate(day),
        topic,
        type,
        participants: allStaff ? rng.int(120, 180) : type === "legal_review" ? rng.int(15, 40) : rng.int(40, 110),
        hours: rng.pick([2, 2, 3, 3, 4, 6, 8]),
        organizer: rng.pick(ORGANIZERS),
        location: rng.pick(PLACES)
      };
      out.push({ versions: [{ at: day + 14 * HOUR, row }] });
    }
  }
  return out;
}

export function invalidTraining(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
  const reasons: InvalidReason[] = ["missing_required", "bad_date", "negative_value"];
  const out: InvalidRow[] = [];
  for (let i = 0; i < count; i++) {
    const day = at(ym.year, ym.month, rng.int(1, 28));
    const type = TYPES.draw(rng);
    const row: Row = { record_id: null, date: isoDate(day), topic: rng.pick(TOPICS[type]), type, participants: rng.int(20, 80), hours: 2, organizer: rng.pick(ORGANIZERS), location: rng.pick(PLACES) };
    const reason = rng.pick(reasons);
    const bad: InvalidRow = { reason, row };
    if (reason === "missing_required") row.topic = null;
    else if (reason === "bad_date") bad.override = { date: rng.pick(["待定", `${ym.year}年${ym.month}月上旬`]) };
    else row.participants = -rng.int(10, 60);
    out.push(bad);
  }
  return out;
}
