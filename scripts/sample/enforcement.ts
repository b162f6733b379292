import { SQUADS, STREETS } from "./codes.ts";
import { at, DAY, HOUR, isoDate, type Time, type YearMonth, MINUTE } from "./calendar.ts";
import type { InvalidReason, InvalidRow } from "./emit.ts";
import { organization, person } from "./people.ts";
import { drawLocation, drawStreet } from "./platform.ts";
import { Rng, Sampler } from "./random.ts";
import { nextWorkday, ordered, prevWorkday, type Versioned, workdayBetween } from "./timeline.ts";

type Row = Record<string, unknown>;

/** The bureau's 2024 report (part 二（三）): documents issued and court-enforcement applications. */
export const REPORT_2024 = { guidance: 112, rectification: 73, penalty: 12, enforcement: 3 } as const;

interface YearTargets {
  G: number;
  R: number;
  P: number;
  E: number;
  N: number;
}

/** Yearly volumes: exactly the report's figures for 2024, plausible variations around them otherwise. */
export function yearTargets(seed: number, year: number): YearTargets {
  if (year === 2024) return { G: REPORT_2024.guidance, R: REPORT_2024.rectification, P: REPORT_2024.penalty, E: REPORT_2024.enforcement, N: 4 };
  const rng = new Rng(seed, `enforcement-targets:${year}`);
  const f = year === 2023 ? 0.86 : year === 2025 ? 1.1 : 1.15 + 0.03 * (year - 2026);
  const j = () => f * (0.92 + 0.16 * rng.next());
  return {
    G: Math.round(112 * j()),
    R: Math.round(73 * j()),
    P: Math.max(5, Math.round(12 * j())),
    E: year === 2023 ? 2 : rng.int(2, 5),
    N: rng.int(2, 6)
  };
}

interface ViolationModel {
  code: string;
  w: number;
  /** Fine range for a general-procedure decision, natural person and organization. */
  person: [number, number];
  org: [number, number];
  orgShare: number;
  simple: boolean;
}

const VIOLATIONS: ViolationModel[] = [
  { code: "V01", w: 20, person: [200, 2000], org: [500, 3000], orgShare: 0.7, simple: true },
  { code: "V02", w: 14, person: [200, 1000], org: [500, 2000], orgShare: 0.2, simple: true },
  { code: "V03", w: 10, person: [500, 5000], org: [2000, 20000], orgShare: 0.5, simple: true },
  { code: "V04", w: 7, person: [1000, 5000], org: [1000, 10000], orgShare: 0.85, simple: false },
  { code: "V05", w: 3, person: [100, 1000], org: [500, 3000], orgShare: 0.3, simple: true },
  { code: "V06", w: 10, person: [1000, 5000], org: [5000, 50000], orgShare: 0.8, simple: false },
  { code: "V07", w: 12, person: [2000, 10000], org: [5000, 30000], orgShare: 0.9, simple: false },
  { code: "V08", w: 5, person: [10000, 20000], org: [10000, 50000], orgShare: 0.95, simple: false },
  { code: "V09", w: 5, person: [5000, 50000], org: [10000, 80000], orgShare: 0.5, simple: false },
  { code: "V10", w: 4, person: [2000, 10000], org: [5000, 20000], orgShare: 0.8, simple: false },
  { code: "V11", w: 2, person: [1000, 5000], org: [2000, 10000], orgShare: 0.6, simple: false },
  { code: "V12", w: 2, person: [50, 200], org: [500, 2000], orgShare: 0.3, simple: true },
  { code: "V13", w: 4, person: [5000, 20000], org: [5000, 20000], orgShare: 0.9, simple: false },
  { code: "V14", w: 2, person: [500, 3000], org: [500, 3000], orgShare: 0.8, simple: true },
  { code: "V15", w: 1, person: [50, 200], org: [1000, 5000], orgShare: 0.5, simple: true }
];
const VIOLATION_SAMPLER = new Sampler(VIOLATIONS, VIOLATIONS.map((v) => v.w));
const MONTH_WEIGHTS = [0.6, 0.5, 1.0, 1.1, 1.2, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 0.8];
const FIRST_DAY = at(2023, 1, 3);

interface Party {
  type: "natural_person" | "organization";
  name: string;
  id: string;
  phone: string;
  address: string;
}

function party(rng: Rng, orgShare: number): Party {
  if (rng.chance(orgShare)) {
    const o = organization(rng);
    return { type: "organization", name: o.name, id: o.uscc, phone: o.contact.phone, address: o.address };
  }
  const p = person(rng);
  return { type: "natural_person", name: p.name, id: p.idNumber, phone: p.phone, address: p.address };
}

type Fate = "paid" | "late_paid" | "enforced" | "no_penalty" | "simple";

/** The register's columns that come straight from a generated case: the party, the violation and the place. */
function particulars(c: EnfCase): Row {
  return {
    party_name: c.party.name,
    party_type: c.party.type,
    party_id: c.party.id,
    party_phone: c.party.phone,
    party_address: c.party.address,
    violation: c.violation.code,
    location: c.location,
    street: STREETS[c.streetIdx].code,
    squad: c.squad
  };
}

interface EnfCase {
  no: string;
  filed: Time;
  party: Party;
  violation: ViolationModel;
  location: string;
  streetIdx: number;
  squad: string;
  procedure: "simple" | "general";
  fate: Fate;
  decision: Time | null;
  fine: number | null;
  legalReview: boolean;
  collective: boolean;
  fullRecord: boolean;
  disclosed: boolean | null;
  /** Payment date (paid, late_paid) or court-enforcement application date (enforced). */
  settled: Time | null;
  closed: Time | null;
}

type DocType = "guidance" | "rectification_order" | "inquiry_notice" | "penalty_notice" | "penalty_decision" | "urge_notice" | "enforcement_application";

interface Doc {
  no: string;
  type: DocType;
  case: EnfCase | null;
  issued: Time;
  served: Time | null;
  partyName: string;
  streetIdx: number;
  squad: string;
  simple?: boolean;
}

const DOC_PREFIX: Record<DocType, [string, number]> = {
  guidance: ["魏城管指字", 4],
  rectification_order: ["魏城管责字", 4],
  inquiry_notice: ["魏城管询字", 3],
  penalty_notice: ["魏城管告字", 3],
  penalty_decision: ["魏城管罚字", 3],
  urge_notice: ["魏城管催字", 2],
  enforcement_application: ["魏城管强申字", 2]
};

function docNumber(prefix: string, year: number, n: number, width: number): string {
  return `${prefix}〔${year}〕第${String(n).padStart(width, "0")}号`;
}

function squadFor(rng: Rng, streetIdx: number, violation?: string): string {
  if (violation === "V06" || violation === "V07") return rng.chance(0.7) ? "Z13" : SQUADS[streetIdx].code;
  return rng.chance(0.9) ? SQUADS[streetIdx].code : "Z12";
}

function roundFine(x: number): number {
  return x >= 1000 ? Math.round(x / 100) * 100 : Math.round(x / 50) * 50;
}

function yearOf(t: Time): number {
  return new Date(t * 1000).getUTCFullYear();
}

/** Version timestamp for a date-only event: office hours of that day. */
function officeTime(rng: Rng, day: Time): Time {
  return day + 9 * HOUR + rng.int(0, 420) * MINUTE;
}

export class EnforcementPlan {
  readonly cases: EnfCase[] = [];
  readonly docs: Doc[] = [];
  private committed = new Map<number, number>();
  private planned = new Set<number>();

  constructor(readonly seed: number) {}

  private monthDay(rng: Rng, year: number): Time {
    const m = new Sampler([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], MONTH_WEIGHTS).draw(rng);
    const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return workdayBetween(rng, at(year, m, 1), at(year, m, days));
  }

  private newCase(rng: Rng, year: number, decision: Time | null, forceEnforce: boolean): EnfCase {
    let v = VIOLATION_SAMPLER.draw(rng);
    while (forceEnforce && v.simple && v.person[1] < 1000) v = VIOLATION_SAMPLER.draw(rng);
    const streetIdx = drawStreet(rng);
    const loc = drawLocation(rng, streetIdx);
    const p = party(rng, v.orgShare);
    const simple = decision !== null && !forceEnforce && v.simple && rng.chance(0.3);
    const c: EnfCase = {
      no: "",
      filed: decision ?? 0,
      party: p,
      violation: v,
      location: loc.address,
      streetIdx,
      squad: squadFor(rng, streetIdx, v.code),
      procedure: simple ? "simple" : "general",
      fate: decision === null ? "no_penalty" : simple ? "simple" : "paid",
      decision,
      fine: null,
      legalReview: false,
      collective: false,
      fullRecord: rng.chance(year === 2023 ? 0.88 : year === 2024 ? 0.96 : year === 2025 ? 0.99 : 1),
      disclosed: null,
      settled: null,
      closed: null
    };
    if (decision !== null) {
      if (simple) {
        c.fine = p.type === "natural_person" ? rng.int(1, 4) * 50 : rng.int(1, 6) * 500;
      } else {
        const [lo, hi] = p.type === "natural_person" ? v.person : v.org;
        c.fine = roundFine(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
        if (forceEnforce) c.fine = Math.max(c.fine, 1000);
        c.filed = Math.max(FIRST_DAY, prevWorkday(decision - rng.int(20, 75) * DAY));
        if (c.filed > decision) c.filed = decision;
        c.legalReview = year === 2023 ? rng.chance(0.9) : true;
        c.collective = c.fine >= 10000 ? (year === 2023 ? rng.chance(0.8) : true) : rng.chance(0.05);
        c.disclosed = rng.chance(year === 2023 ? 0.8 : year === 2024 ? 0.95 : 1);
      }
    } else {
      c.legalReview = year === 2023 ? rng.chance(0.9) : true;
    }
    return c;
  }

  /** Plan one year. Years must be planned in order; planning year Y may add cases filed late in Y-1. */
  planYear(year: number): void {
    if (this.planned.has(year)) return;
    if (year > 2023 && !this.planned.has(year - 1)) this.planYear(year - 1);
    this.planned.add(year);
    const rng = new Rng(this.seed, `enforcement:${year}`);
    const t = yearTargets(this.seed, year);
    const need = Math.max(0, t.E - (this.committed.get(year) ?? 0));
    const nextCap = Math.max(0, yearTargets(this.seed, year + 1).E - 1);
    let nextApps = 0;
    for (let i = 0; i < t.P; i++) {
      const forced = i < need;
      const decision = forced ? workdayBetween(rng, at(year, 1, 4), at(year, 6, 15)) : this.monthDay(rng, year);
      const c = this.newCase(rng, year, decision, forced);
      if (c.procedure === "simple") {
        c.settled = decision;
        c.closed = decision;
      } else if (forced) {
        c.fate = "enforced";
        const lo = decision + 185 * DAY;
        c.settled = prevWorkday(Math.min(lo + rng.int(0, 90) * DAY, at(year, 12, 28)));
        if (c.settled < lo) c.settled = nextWorkday(lo);
      } else if (c.fine! >= 1000 && decision >= at(year, 7, 1) && nextApps < nextCap && rng.chance(0.25)) {
        c.fate = "enforced";
        c.settled = nextWorkday(decision + rng.int(185, 270) * DAY);
        nextApps++;
      } else if (rng.chance(0.15)) {
        c.fate = "late_paid";
        c.settled = decision + rng.int(30, 150) * DAY;
      } else {
        c.settled = decision + rng.int(1, 15) * DAY;
      }
      if (c.fate === "paid" || c.fate === "late_paid") c.closed = nextWorkday(c.settled! + rng.int(0, 3) * DAY);
      if (c.fate === "enforced" && rng.chance(0.7)) c.closed = nextWorkday(c.settled! + rng.int(60, 240) * DAY);
      this.cases.push(c);
      this.caseDocs(rng, c);
    }
    this.committed.set(year + 1, (this.committed.get(year + 1) ?? 0) + nextApps);
    for (let i = 0; i < t.N; i++) {
      const c = this.newCase(rng, year, null, false);
      c.filed = this.monthDay(rng, year);
      c.closed = nextWorkday(c.filed + rng.int(10, 40) * DAY);
      this.cases.push(c);
      this.caseDocs(rng, c);
    }
  }

  private doc(rng: Rng, type: DocType, c: EnfCase, issued: Time, servedWithin: [number, number]): void {
    const served = nextWorkday(issued + rng.int(servedWithin[0], servedWithin[1]) * DAY);
    this.docs.push({ no: "", type, case: c, issued, served, partyName: c.party.name, streetIdx: c.streetIdx, squad: c.squad, simple: c.procedure === "simple" });
  }

  private caseDocs(rng: Rng, c: EnfCase): void {
    if (c.procedure === "simple") {
      this.doc(rng, "penalty_decision", c, c.decision!, [0, 0]);
      return;
    }
    if (rng.chance(c.fate === "no_penalty" ? 0.9 : 0.85)) this.doc(rng, "rectification_order", c, nextWorkday(c.filed + rng.int(0, 2) * DAY), [0, 2]);
    if (rng.chance(0.7)) this.doc(rng, "inquiry_notice", c, nextWorkday(c.filed + rng.int(1, 6) * DAY), [0, 2]);
    if (c.decision === null) return;
    const notice = Math.max(c.filed + 5 * DAY, c.decision - rng.int(3, 10) * DAY);
    if (notice < c.decision) this.doc(rng, "penalty_notice", c, prevWorkday(notice), [0, 2]);
    this.doc(rng, "penalty_decision", c, c.decision, [0, 6]);
    if (c.fate === "enforced") {
      this.doc(rng, "urge_notice", c, prevWorkday(Math.max(c.decision + 15 * DAY, c.settled! - rng.int(12, 40) * DAY)), [0, 4]);
      this.doc(rng, "enforcement_application", c, c.settled!, [1, 4]);
    } else if (c.fate === "late_paid" && rng.chance(0.6)) {
      const urge = Math.max(c.decision + 15 * DAY, c.settled! - rng.int(5, 20) * DAY);
      if (urge < c.settled!) this.doc(rng, "urge_notice", c, prevWorkday(urge), [0, 3]);
    }
  }

  /** Add the documents not tied to a case (guidance letters, most rectification orders) for a year. */
  private freeDocs(year: number): void {
    const rng = new Rng(this.seed, `enforcement-free:${year}`);
    const t = yearTargets(this.seed, year);
    const linked = this.docs.filter((d) => d.type === "rectification_order" && yearOf(d.issued) === year).length;
    const add = (type: DocType, n: number) => {
      for (let i = 0; i < n; i++) {
        const issued = this.monthDay(rng, year);
        const streetIdx = drawStreet(rng);
        const partyName = rng.chance(0.7) ? organization(rng).name : person(rng).name;
        const served = type === "guidance" ? (rng.chance(0.95) ? issued : nextWorkday(issued + DAY)) : nextWorkday(issued + rng.int(0, 3) * DAY);
        this.docs.push({ no: "", type, case: null, issued, served, partyName, streetIdx, squad: squadFor(rng, streetIdx) });
      }
    };
    add("guidance", t.G);
    add("rectification_order", Math.max(0, t.R - linked));
  }

  /** Plan every year needed for exports up to `untilYear`, then number cases and documents. */
  finish(untilYear: number): void {
    for (let y = 2023; y <= untilYear + 1; y++) this.planYear(y);
    for (let y = 2023; y <= untilYear; y++) this.freeDocs(y);
    const caseSeq = new Map<string, number>();
    const byFiled = [...this.cases].sort((a, b) => a.filed - b.filed || (a.decision ?? 0) - (b.decision ?? 0));
    for (const c of byFiled) {
      const y = yearOf(c.filed);
      const prefix = c.procedure === "simple" ? "魏城管简字" : "魏城管立字";
      const key = `${prefix}${y}`;
      const n = (caseSeq.get(key) ?? 0) + 1;
      caseSeq.set(key, n);
      c.no = docNumber(prefix, y, n, 3);
    }
    const docSeq = new Map<string, number>();
    const byIssued = this.docs.map((d, i) => ({ d, i })).sort((a, b) => a.d.issued - b.d.issued || a.i - b.i);
    for (const { d } of byIssued) {
      const y = yearOf(d.issued);
      const [base, width] = DOC_PREFIX[d.type];
      const prefix = d.type === "penalty_decision" && d.simple ? "魏城管当罚字" : base;
      const key = `${prefix}${y}`;
      const n = (docSeq.get(key) ?? 0) + 1;
      docSeq.set(key, n);
      d.no = docNumber(prefix, y, n, width);
    }
  }

  caseRecords(): Versioned[] {
    const rng = new Rng(this.seed, "enforcement-versions");
    return this.cases.map((c) => {
      const base: Row = {
        case_no: c.no,
        filed_on: isoDate(c.filed),
        ...particulars(c),
        procedure: c.procedure,
        legal_review: null,
        collective_discussion: null,
        full_process_record: c.fullRecord,
        disclosed: null,
        fine: null,
        execution: null,
        closed_on: null,
        status: "open"
      };
      const decided: Row = {
        ...base,
        legal_review: c.legalReview,
        collective_discussion: c.procedure === "general" ? c.collective : false,
        disclosed: c.disclosed,
        fine: c.fine
      };
      const versions: Versioned["versions"] = [];
      const push = (day: Time, row: Row) => versions.push({ at: officeTime(rng, day), row });
      switch (c.fate) {
        case "simple":
          push(c.filed, { ...decided, execution: "voluntary", closed_on: isoDate(c.closed!), status: "closed" });
          break;
        case "no_penalty":
          push(c.filed, base);
          push(c.closed!, { ...base, legal_review: c.legalReview, collective_discussion: false, execution: "no_penalty", closed_on: isoDate(c.closed!), status: "closed" });
          break;
        default:
          push(c.filed, base);
          push(c.decision!, { ...decided, execution: "pending" });
          if (c.fate === "enforced") {
            push(c.settled!, { ...decided, execution: "court_enforcement" });
            if (c.closed !== null) push(c.closed, { ...decided, execution: "court_enforcement", closed_on: isoDate(c.closed), status: "closed" });
          } else {
            push(c.closed!, { ...decided, execution: "voluntary", closed_on: isoDate(c.closed!), status: "closed" });
          }
      }
      return { versions: ordered(versions) };
    });
  }

  documentRecords(): Versioned[] {
    const rng = new Rng(this.seed, "document-versions");
    return this.docs.map((d) => {
      const row: Row = {
        doc_no: d.no,
        doc_type: d.type,
        case_no: d.case ? d.case.no : null,
        issued_on: isoDate(d.issued),
        served_on: null,
        party_name: d.partyName,
        street: STREETS[d.streetIdx].code,
        squad: d.squad
      };
      const t = officeTime(rng, d.issued);
      if (d.served === null) return { versions: [{ at: t, row }] };
      const served = { ...row, served_on: isoDate(d.served) };
      if (d.served === d.issued) return { versions: [{ at: t, row: served }] };
      return { versions: [{ at: t, row }, { at: officeTime(rng, d.served), row: served }] };
    });
  }

  /** Invalid register rows for a month. */
  invalidCases(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
    const reasons: InvalidReason[] = ["missing_id", "bad_date", "end_before_start", "bad_date", "negative_value"];
    const out: InvalidRow[] = [];
    for (let i = 0; i < count; i++) {
      const day = workdayBetween(rng, at(ym.year, ym.month, 1), at(ym.year, ym.month, 28));
      const c = this.newCase(rng, ym.year, day + 30 * DAY, false);
      c.procedure = "general";
      const row: Row = {
        case_no: docNumber("魏城管立字", ym.year, rng.int(900, 999), 3),
        filed_on: isoDate(day),
        ...particulars(c),
        procedure: "general",
        legal_review: true,
        collective_discussion: false,
        full_process_record: true,
        disclosed: true,
        fine: c.fine,
        execution: "voluntary",
        closed_on: isoDate(day + 40 * DAY),
        status: "closed"
      };
      const reason = rng.pick(reasons);
      const bad: InvalidRow = { reason, row };
      if (reason === "missing_id") row.case_no = null;
      else if (reason === "bad_date") bad.override = { filed_on: rng.pick(["待定", `${ym.year}.${ym.month}.32`, `${ym.year}年2月30日`]) };
      else if (reason === "end_before_start") row.closed_on = isoDate(day - rng.int(1, 20) * DAY);
      else row.fine = -Math.abs(c.fine ?? 500);
      out.push(bad);
    }
    return out;
  }

  invalidDocuments(ym: YearMonth, count: number, rng: Rng): InvalidRow[] {
    const reasons: InvalidReason[] = ["missing_id", "bad_date", "end_before_start"];
    const types: DocType[] = ["guidance", "guidance", "rectification_order", "penalty_decision", "enforcement_application"];
    const out: InvalidRow[] = [];
    for (let i = 0; i < count; i++) {
      const day = workdayBetween(rng, at(ym.year, ym.month, 1), at(ym.year, ym.month, 28));
      const type = rng.pick(types);
      const streetIdx = drawStreet(rng);
      const [prefix, width] = DOC_PREFIX[type];
      const row: Row = {
        doc_no: docNumber(prefix, ym.year, 9000 + rng.int(0, 999), width),
        doc_type: type,
        case_no: null,
        issued_on: isoDate(day),
        served_on: isoDate(day + DAY),
        party_name: person(rng).name,
        street: STREETS[streetIdx].code,
        squad: squadFor(rng, streetIdx)
      };
      const reason = rng.pick(reasons);
      const bad: InvalidRow = { reason, row };
      if (reason === "missing_id") row.doc_no = null;
      else if (reason === "bad_date") bad.override = { issued_on: rng.pick(["待补", `${ym.year}-${ym.month}-00`, `${ym.year}年13月2日`]) };
      else row.served_on = isoDate(day - rng.int(1, 10) * DAY);
      out.push(bad);
    }
    return out;
  }
}
