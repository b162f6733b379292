import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import XLSX from "../../loaders/xlsx.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byCode, defaultCodeBook } from "../../loaders/codes/index.ts";
import { isMobileNumber, isValidIdNumber, isValidUscc, SOURCE_IDS, SOURCES, type SourceId } from "../../loaders/schema/index.ts";
import type { Manifest } from "../../scripts/sample/emit.ts";
import { REPORT_2024 } from "../../scripts/sample/enforcement.ts";
import { PUBLICITY_2024 } from "../../scripts/sample/publicity.ts";
import { readExport, readMatrix, type ReadRow } from "../../scripts/sample/reader.ts";
import { breathe, removeDir, sharedSampleCopy, tempDir } from "./helpers.ts";

type Values = Record<string, unknown>;
interface Seen {
  path: string;
  month: string;
  row: ReadRow;
}

let out = "";
let manifest: Manifest;
/** Every data row read back, by source, in file order. */
const rows = new Map<SourceId, Seen[]>();
/** Latest valid version of each record, by source and record id. */
const latest = new Map<SourceId, Map<string, Values>>();

beforeAll(async () => {
  out = tempDir("2024");
  manifest = await sharedSampleCopy(out, { year: 2024, month: 12 });
  for (const id of SOURCE_IDS) {
    rows.set(id, []);
    latest.set(id, new Map());
  }
  for (const f of manifest.files) {
    await breathe();
    const source = f.source;
    const read = readExport(join(out, f.path), SOURCES[source]);
    if (read.kind !== "table") throw new Error(`${f.path}: ${read.reason}`);
    for (const row of read.rows) {
      rows.get(source)!.push({ path: f.path, month: f.month, row });
      if (row.ok) latest.get(source)!.set(String(row.values[SOURCES[source].idField]), row.values);
    }
  }
});

afterAll(() => removeDir(out));

const valid = (source: SourceId) => [...latest.get(source)!.values()];
const in2024 = (source: SourceId) => valid(source).filter((v) => String(v[SOURCES[source].dateField]).startsWith("2024"));
const countBy = <T>(items: T[], key: (t: T) => string) => {
  const m: Record<string, number> = {};
  for (const i of items) m[key(i)] = (m[key(i)] ?? 0) + 1;
  return m;
};

describe("sample exports 2023-01 .. 2024-12", () => {
  it("writes one file per source and month in the formats real systems produce", () => {
    expect(manifest.files.length).toBe(7 * 24);
    expect(new Set(manifest.files.map((f) => f.format))).toEqual(new Set(["xlsx", "xls", "csv-utf8-bom", "csv-gb18030"]));
    const csvGb = manifest.files.find((f) => f.format === "csv-gb18030")!;
    const buf = readFileSync(join(out, csvGb.path));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(buf)).toThrow();
    expect(iconv.decode(buf, "gb18030")).toContain("参训人数");
    const bom = manifest.files.find((f) => f.format === "csv-utf8-bom")!;
    expect([...readFileSync(join(out, bom.path)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("includes one file that is not a spreadsheet", () => {
    expect(manifest.notSpreadsheet).toEqual(["platform/2024-08_数字城管案卷明细(1).xlsx"]);
    const r = readExport(join(out, manifest.notSpreadsheet[0]), SOURCES.platform);
    expect(r.kind).toBe("not_spreadsheet");
  });

  it("rejects exactly the rows listed as invalid, about 0.5% of all rows", () => {
    const listed = new Set(manifest.invalidRows.map((r) => `${r.path}#${r.row}`));
    let total = 0;
    for (const id of SOURCE_IDS) {
      for (const { path, row } of rows.get(id)!) {
        total++;
        expect(row.ok, `${path}#${row.rowNumber} ${row.issues.join("; ")}`).toBe(!listed.has(`${path}#${row.rowNumber}`));
      }
    }
    expect(total).toBe(manifest.files.reduce((s, f) => s + f.dataRows, 0));
    const share = manifest.invalidRows.length / total;
    expect(share).toBeGreaterThan(0.002);
    expect(share).toBeLessThan(0.01);
    expect(new Set(manifest.invalidRows.map((r) => r.reason))).toEqual(
      new Set(["missing_id", "missing_required", "bad_date", "end_before_start", "damaged_id", "negative_value"])
    );
    for (const id of SOURCE_IDS) expect(manifest.invalidRows.some((r) => r.source === id), id).toBe(true);
  });

  it("reproduces the 2024 figures of the bureau's report", () => {
    const docs = countBy(in2024("documents"), (d) => String(d.doc_type));
    expect(docs.guidance).toBe(REPORT_2024.guidance);
    expect(docs.guidance).toBe(112);
    expect(docs.rectification_order).toBe(73);
    expect(docs.penalty_decision).toBe(12);
    expect(docs.enforcement_application).toBe(3);
    const items = in2024("publicity").filter((p) => p.kind === "item");
    expect(items.length).toBe(460);
    expect(countBy(items, (p) => String(p.level))).toEqual({ ...PUBLICITY_2024 });
    expect(PUBLICITY_2024).toEqual({ national: 12, provincial: 53, municipal: 352, district: 43 });
  });

  it("keeps the case register consistent with the court-enforcement applications of 2024", () => {
    const applications = in2024("documents").filter((d) => d.doc_type === "enforcement_application");
    const cases = latest.get("cases")!;
    const applied = applications.map((d) => cases.get(String(d.case_no)));
    expect(applied.every((c) => c?.execution === "court_enforcement")).toBe(true);
    const appliedIn2024 = new Set(applications.map((d) => d.case_no));
    const enforced = valid("cases").filter((c) => c.execution === "court_enforcement");
    expect(enforced.filter((c) => appliedIn2024.has(c.case_no)).length).toBe(3);
    const decisions = in2024("documents").filter((d) => d.doc_type === "penalty_decision");
    for (const d of decisions) expect(cases.get(String(d.case_no))?.fine, String(d.doc_no)).toBeGreaterThan(0);
  });

  it("repeats records in later files with a newer status", () => {
    const files = new Map<string, Set<string>>();
    for (const { path, row } of rows.get("documents")!) if (row.ok) (files.get(String(row.values.doc_no)) ?? files.set(String(row.values.doc_no), new Set()).get(String(row.values.doc_no))!).add(path);
    expect([...files.values()].filter((s) => s.size > 1).length).toBeGreaterThan(5);
    const statuses = new Map<string, string[]>();
    for (const { row } of rows.get("platform")!) if (row.ok) (statuses.get(String(row.values.case_id)) ?? statuses.set(String(row.values.case_id), []).get(String(row.values.case_id))!).push(String(row.values.status));
    const repeated = [...statuses.values()].filter((s) => s.length > 1);
    expect(repeated.length).toBeGreaterThan(100);
    expect(repeated.every((s) => s[0] !== "closed")).toBe(true);
    expect(repeated.filter((s) => s[s.length - 1] === "closed").length / repeated.length).toBeGreaterThan(0.9);
  });

  it("uses only codes of the code lists", () => {
    const unknown: string[] = [];
    for (const id of SOURCE_IDS) {
      const fields = SOURCES[id].fields.filter((x) => x.codeList);
      for (const v of latest.get(id)!.values()) {
        for (const f of fields) {
          const code = v[f.name];
          if (code !== null && code !== undefined && !byCode(defaultCodeBook(), f.codeList!, String(code))) unknown.push(`${id}.${f.name} = ${String(code)}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it("writes synthetic personal data in realistic form", () => {
    for (const c of valid("cases")) {
      const id = String(c.party_id);
      if (c.party_type === "natural_person") expect(isValidIdNumber(id), id).toBe(true);
      else expect(isValidUscc(id), id).toBe(true);
      expect(isMobileNumber(String(c.party_phone))).toBe(true);
      expect(String(c.party_address)).toMatch(/^许昌市魏都区/);
    }
    for (const h of valid("hotline")) expect(isMobileNumber(String(h.caller_phone))).toBe(true);
    const surnames = countBy(valid("hotline"), (h) => String(h.caller_name)[0]);
    expect(Object.keys(surnames).length).toBeGreaterThan(40);
    expect(surnames["王"]).toBeGreaterThan(surnames["秦"] ?? 0);
  });

  it("has the dirt of real exports: title rows, merged cells, 合计 rows, serial and text dates, full-width digits", () => {
    const months = new Set(["2023-06", "2024-02", "2024-03", "2024-06", "2024-07"]);
    const raws = manifest.files.filter((f) => months.has(f.month)).map((f) => ({ f, m: readMatrix(join(out, f.path)) }));
    const text = raws.flatMap(({ m }) => ("cells" in m ? m.cells.flat() : [])).filter((c): c is string => typeof c === "string");
    expect(text.some((c) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(c))).toBe(true);
    expect(text.some((c) => /^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/.test(c))).toBe(true);
    expect(text.some((c) => /[０-９]/.test(c))).toBe(true);
    expect(text.some((c) => c === "合计")).toBe(true);
    expect(text.some((c) => /^\s|\s$/.test(c))).toBe(true);
    const sheet = (path: string) => XLSX.read(readFileSync(join(out, path))).Sheets.Sheet1;
    const xls = manifest.files.find((f) => f.format === "xls" && f.source === "platform")!;
    const ws = sheet(xls.path);
    expect(ws["!merges"]?.[0]).toMatchObject({ s: { r: 0, c: 0 }, e: { r: 0 } });
    expect(ws["!merges"]![0].e.c).toBeGreaterThan(10);
    expect(typeof ws.K3?.v).toBe("number");
    const all = manifest.files.filter((f) => f.source !== "platform" && f.source !== "hotline").map((f) => ({ f, m: readMatrix(join(out, f.path)) }));
    for (const f of manifest.files.filter((x) => (x.source === "platform" || x.source === "hotline") && x.month.endsWith("-01"))) all.push({ f, m: readMatrix(join(out, f.path)) });
    for (const id of SOURCE_IDS) {
      const headers = new Set(all.filter(({ f }) => f.source === id).map(({ m }) => ("cells" in m ? JSON.stringify(m.cells.find((r) => r.filter(Boolean).length > 3)) : "")));
      expect(headers.size, id).toBeGreaterThanOrEqual(2);
    }
  });

  it("has plausible volumes, seasons and differences between streets", () => {
    const platform = valid("platform");
    const y2024 = platform.filter((c) => String(c.reported_at).startsWith("2024"));
    expect(y2024.length / 12).toBeGreaterThan(2500);
    expect(y2024.length / 12).toBeLessThan(6000);
    const month = (c: Values) => String(c.reported_at).slice(0, 7);
    const bbq = countBy(y2024.filter((c) => c.category_minor === "E0510"), month);
    expect(bbq["2024-07"]).toBeGreaterThan(5 * bbq["2024-01"]);
    const vendors = countBy(y2024.filter((c) => c.category_minor === "E0501"), month);
    expect(vendors["2024-07"]).toBeGreaterThan(1.8 * vendors["2024-01"]);
    const snow = y2024.filter((c) => c.category_minor === "E0407");
    expect(snow.filter((c) => month(c) === "2024-02").length).toBeGreaterThan(50);
    expect(snow.filter((c) => ["2024-06", "2024-07", "2024-08"].includes(month(c))).length).toBe(0);
    const dow = (c: Values) => new Date(`${String(c.reported_at).slice(0, 10)}T00:00:00Z`).getUTCDay();
    const sup = y2024.filter((c) => c.source === "supervisor");
    const weekday = sup.filter((c) => dow(c) >= 1 && dow(c) <= 5).length / 5;
    const weekend = sup.filter((c) => dow(c) === 0 || dow(c) === 6).length / 2;
    expect(weekday / weekend).toBeGreaterThan(1.4);
    const byHour = countBy(sup, (c) => String(c.reported_at).slice(11, 13));
    expect((byHour["09"] ?? 0) > 10 * (byHour["03"] ?? 0)).toBe(true);
    const streets = Object.values(countBy(y2024, (c) => String(c.street)));
    expect(streets.length).toBe(11);
    expect(Math.max(...streets) / Math.min(...streets)).toBeGreaterThan(1.5);
    const hours = y2024
      .filter((c) => c.handled_at && c.dispatched_at)
      .map((c) => (Date.parse(String(c.handled_at)) - Date.parse(String(c.dispatched_at))) / 3.6e6)
      .sort((a, b) => a - b);
    const q = (p: number) => hours[Math.floor(p * (hours.length - 1))];
    expect(q(0.9) / q(0.5)).toBeGreaterThan(3);
    expect(y2024.filter((c) => Number(c.rework_count) > 0).length).toBeGreaterThan(100);
    expect(y2024.filter((c) => Number(c.extension_count) > 0).length).toBeGreaterThan(100);
    expect(y2024.filter((c) => String(c.due_at) < String(c.handled_at)).length / y2024.length).toBeGreaterThan(0.02);
  });

  it("has a handful of review and litigation cases, training sessions and legal-education activities", () => {
    for (const year of ["2023", "2024"]) {
      const n = valid("review").filter((r) => String(r.received_on).startsWith(year)).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(40);
    }
    expect(new Set(valid("review").map((r) => r.outcome)).size).toBeGreaterThanOrEqual(5);
    expect(valid("review").some((r) => r.head_appeared === true)).toBe(true);
    const training = in2024("training");
    expect(training.length).toBeGreaterThanOrEqual(10);
    expect(training.length).toBeLessThanOrEqual(15);
    const activities = in2024("publicity").filter((p) => p.kind === "activity");
    const themes = new Set(activities.map((a) => a.theme));
    for (const t of ["A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08"]) expect(themes.has(t), t).toBe(true);
    expect(new Set(valid("hotline").map((h) => h.satisfaction))).toEqual(new Set([null, "very_satisfied", "satisfied", "understanding", "dissatisfied"]));
    expect(valid("hotline").some((h) => h.platform_case_id && latest.get("platform")!.has(String(h.platform_case_id)))).toBe(true);
  });

  it("counts records per year in the manifest", () => {
    expect(manifest.records.documents["2024"]).toBe(in2024("documents").length);
    expect(manifest.records.publicity["2024"]).toBe(in2024("publicity").length);
    expect(manifest.records.platform["2024"]).toBe(in2024("platform").length);
    expect(manifest.records.hotline["2024"]).toBe(in2024("hotline").length);
  });
});
