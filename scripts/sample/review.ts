import { at, DAY, HOUR, isoDate, type Time, type YearMonth } from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { organization, personName } from "./people.ts";
import { Rng, Sampler } from "./random.ts";
import { nextWorkday, ordered, type Versioned, workdayBetween } from "./timeline.ts";

type Row = Record<string, unknown>;
type Category = "reconsideration" | "litigation_first" | "litigation_second";

const OUTCOMES: Record<Category, Sampler<string>> = {
  reconsideration: new Sampler(
    ["upheld", "dismissed", "revoked", "confirmed_illegal", "ordered_to_perform", "altered", "mediated", "withdrawn", "not_accepted"],
    [45, 15, 6, 6, 4, 2, 5, 12, 5]
  ),
  litigation_first: new Sampler(["dismissed", "revoked", "confirmed_illegal", "ordered_to_perform", "mediated", "withdrawn", "not_accepted"], [50, 6, 10, 5, 3, 22, 4]),
  litigation_second: new Sampler(["upheld", "revoked", "withdrawn"], [80, 10, 10])
};

const ACTS = ["行政处罚决定", "限期拆除决定", "责令停止违法行为通知", "政府信息公开答复", "投诉举报处理（不履行法定职责）", "暂扣物品（行政强制措施）"];
const ACT_WEIGHTS = [40, 20, 10, 10, 12, 8];

/** Share of hearings the bureau's head attended, by year (the 2025 plan asks for an increase). */
function headRate(year: number): number {
  return year <= 2023 ? 0.35 : year === 2024 ? 0.6 : year === 2025 ? 0.85 : 0.95;
}

export interface PenaltyRef {
  caseNo: string;
  decision: Time;
}

function counts(rng: Rng, year: number): Record<Category, number> {
  if (year === 2024) return { reconsideration: 6, litigation_first: 4, litigation_second: 1 };
  return { reconsideration: rng.int(3, 8), litigation_first: rng.int(2, 6), litigation_second: rng.int(0, 2) };
}

function reviewNo(category: Category, year: number, n: number): string {
  if (category === "reconsideration") return `魏政复〔${year}〕${n}号`;
  if (category === "litigation_first") return `（${year}）豫1002行初${n}号`;
  return `（${year}）豫10行终${n}号`;
}

/** Administrative review and litigation cases against the bureau, as versioned register rows. */
export function reviewRecords(seed: number, untilYear: number, penalties: readonly PenaltyRef[]): Versioned[] {
  const out: Versioned[] = [];
  const acts = new Sampler(ACTS, ACT_WEIGHTS);
  for (let year = 2023; year <= untilYear; year++) {
    const rng = new Rng(seed, `review:${year}`);
    const n = counts(rng, year);
    for (const category of ["reconsideration", "litigation_first", "litigation_second"] as Category[]) {
      const received = Array.from({ length: n[category] }, () => workdayBetween(rng, at(year, 1, 5), at(year, 12, 25))).sort((a, b) => a - b);
      let seq = rng.int(1, 40);
      for (const r of received) {
        seq += rng.int(1, 12);
        const act = acts.draw(rng);
        const candidates = penalties.filter((p) => p.decision < r - 10 * DAY && p.decision > r - 200 * DAY);
        const related = act === "行政处罚决定" && candidates.length > 0 && rng.chance(0.7) ? rng.pick(candidates).caseNo : null;
        const outcome = OUTCOMES[category].draw(rng);
        let hearing: Time | null = null;
        let decided: Time;
        if (category === "reconsideration") {
          decided = r + (outcome === "not_accepted" ? rng.int(3, 5) : outcome === "withdrawn" ? rng.int(5, 40) : rng.int(30, 75)) * DAY;
        } else if (category === "litigation_first") {
          if (outcome === "not_accepted") decided = r + rng.int(7, 15) * DAY;
          else {
            if (outcome !== "withdrawn" || rng.chance(0.3)) hearing = nextWorkday(r + rng.int(30, 100) * DAY);
            decided = (hearing ?? r + rng.int(20, 60) * DAY) + rng.int(15, 90) * DAY;
          }
        } else {
          if (rng.chance(0.35)) hearing = nextWorkday(r + rng.int(30, 80) * DAY);
          decided = Math.max(hearing ?? 0, r) + rng.int(30, 120) * DAY;
        }
        decided = nextWorkday(decided);
        const applicant = rng.chance(0.75) ? personName(rng) : organization(rng).name;
        const base: Row = {
          review_no: reviewNo(category, year, seq),
          category,
          received_on: isoDate(r),
          decided_on: null,
          applicant,
          contested_act: related ? `${act}（${related}）` : act,
          related_case_no: related,
          outcome: null,
          hearing_on: null,
          head_appeared: null
        };
        const withHearing = hearing !== null ? { ...base, hearing_on: isoDate(hearing), head_appeared: rng.chance(headRate(year)) } : base;
        const versions: Versioned["versions"] = [{ at: r + 10 * HOUR, row: base }];
        if (hearing !== null) versions.push({ at: hearing + 10 * HOUR, row: withHearing });
        versions.push({ at: decided + 15 * HOUR, row: { ...withHearing, decided_on: isoDate(decided), outcome } });
        out.push({ versions: ordered(versions) });
      }
    }
  }
  return out;
}

export function invalidReview(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
  const reasons: InvalidReason[] = ["missing_id", "bad_date", "end_before_start"];
  const out: InvalidRow[] = [];
  for (let i = 0; i < count; i++) {
    const r = workdayBetween(rng, at(ym.year, ym.month, 1), at(ym.year, ym.month, 28));
    const row: Row = {
      review_no: reviewNo("reconsideration", ym.year, 900 + rng.int(0, 99)),
      category: "reconsideration",
      received_on: isoDate(r),
      decided_on: isoDate(r + 40 * DAY),
      applicant: personName(rng),
      contested_act: "行政处罚决定",
      related_case_no: null,
      outcome: "upheld",
      hearing_on: null,
      head_appeared: null
    };
    const reason = rng.pick(reasons);
    const bad: InvalidRow = { reason, row };
    if (reason === "missing_id") row.review_no = null;
    else if (reason === "bad_date") bad.override = { received_on: rng.pick(["待补录", `${ym.year}年2月31日`]) };
    else row.decided_on = isoDate(r - rng.int(1, 30) * DAY);
    out.push(bad);
  }
  return out;
}
