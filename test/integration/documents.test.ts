/**
 * The two Word documents from the sample data, through the CLI: the 2024 report draft reads back (mammoth) with the
 * seed report's sentences, both files have the GB/T 9704 page and fonts, and the bulletin's indicators are the
 * 数字城管案件 page's figures: the page's own query functions run over the page's own published cubes.
 */
import {execFile} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type {Db} from "../../src/components/query.ts";
import {nativeDb} from "../../loaders/publish/prerender.ts";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {readDocumentSettings} from "../../loaders/documents-config.ts";
import {FLAG_NAMES} from "../../loaders/metrics/platform.ts";
import {buildAnnual} from "../../loaders/publish/annual.ts";
import {buildBulletinFigures, bulletinMonths, type BulletinFigures, type FlagCounts} from "../../loaders/publish/bulletin.ts";
import {openWarehouse, type Published} from "../../loaders/publish/connection.ts";
import {buildPlans} from "../../loaders/publish/plan.ts";
import {platformCubeSql, platformDepartmentSql, platformMonthlySql} from "../../loaders/publish/platform.ts";
import {annualReportContent} from "../../src/components/annual-report.ts";
import {formatInteger, formatPercent} from "../../src/components/number-format.ts";
import type {Block} from "../../src/components/official-document.ts";
import * as q from "../../src/components/platform-data.ts";
import {INDICATORS, withRates} from "../../src/components/platform-indicators.ts";
import {docxParts, docxText, elements, style, wAttr} from "../docx-reading.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "documents-"));
const raw = path.join(tmp, "raw");
const warehouse = path.join(tmp, "warehouse");
const env = {...process.env, CI: "1", CHENGGUAN_SALT: "documents-salt", CHENGGUAN_WAREHOUSE: warehouse};

/** Runs a command without blocking the test worker (a long synchronous spawn starves vitest's messages). */
function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = env): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(command, args, {cwd: ROOT, env: extraEnv, encoding: "utf8", maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      resolve({status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr});
    });
  });
}

function cli(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/documents.ts", ...args]);
}

/** Runs the CLI and reads the file back. */
async function made(args: string[], file: string): Promise<{bytes: Uint8Array; text: string}> {
  const out = path.join(tmp, file);
  const r = await cli([...args, "--out", out]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`已生成 ${out}`);
  const bytes = new Uint8Array(fs.readFileSync(out));
  return {bytes, text: await docxText(bytes)};
}

let report2024: {bytes: Uint8Array; text: string};
let bulletin: {bytes: Uint8Array; text: string};
let published: Published;
let figures: BulletinFigures;
let db: Db;

beforeAll(async () => {
  const sample = await run(process.execPath, ["--import", "tsx", "scripts/sample/cli.ts", "--out", raw, "--until", "2025-06", "--quiet"]);
  if (sample.status !== 0) throw new Error(`sample generation failed: ${sample.stderr}`);
  const ingest = await run(process.execPath, ["--import", "tsx", "loaders/cli.ts", "--raw", raw, "--warehouse", warehouse, "--quiet"]);
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  report2024 = await made(["report", "--year", "2024"], "report-2024.docx");
  bulletin = await made(["bulletin", "--month", "2025-03"], "bulletin-2025-03.docx");
  published = await openWarehouse(warehouse, env);
  figures = await buildBulletinFigures(published.con);
  for (const [table, sql] of [["cube", platformCubeSql], ["monthly", platformMonthlySql], ["department", platformDepartmentSql]]) {
    await published.con.run(`CREATE TEMP TABLE ${table} AS ${sql}`);
  }
  db = nativeDb(published.con);
}, 600_000);

afterAll(() => {
  published?.close();
  fs.rmSync(tmp, {recursive: true, force: true});
});

describe("the 2024 annual report draft from the sample", () => {
  test("reads back with the seed report's sentences: 112 / 73 / 12 / 3 and 460 = 12 + 53 + 352 + 43", () => {
    expect(report2024.text).toContain("2024年以来，共下达各类《城市管理行政意见指导书》112份、《责令停止（改正）违法行为通知书》73份，《行政处罚决定书》12份，申请法院强制执行3件。");
    expect(report2024.text).toContain("2024年我局共发表宣传信息460篇，其中国家级12篇，省级53篇，市级352篇，区级43篇。");
  });

  test("follows the seed's structure, with year-on-year changes and placeholders for narrative", () => {
    const lines = report2024.text.split("\n");
    expect(lines.slice(0, 2)).toEqual(["魏都区城市管理局", "关于2024年法治政府建设情况的报告"]);
    const headings = lines.filter((l) => /^[一二三四]、/.test(l));
    expect(headings).toEqual([
      "一、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
      "二、推进法治政府建设的主要举措和成效",
      "三、推进法治政府建设存在的不足",
      "四、2025年度推进法治政府建设的初步安排"
    ]);
    expect(lines.filter((l) => /^（[一二三四五六]）/.test(l)).length).toBeGreaterThanOrEqual(6);
    for (const topic of ["法制审核率", "纠错率", "宣传信息", "普法宣传活动", "参训", "数字化城市管理平台", "热线"]) expect(report2024.text, topic).toContain(topic);
    expect(report2024.text.match(/与2023年相比，/g)?.length).toBeGreaterThanOrEqual(8);
    expect(report2024.text.match(/【待填写/g)?.length).toBeGreaterThanOrEqual(8);
    // the next year's targets from data/plan/2025.yaml
    expect(report2024.text).toContain("2025年度目标（草案）");
    expect(report2024.text).toContain("负责人出庭应诉率");
  });

  test("a year with a plan has the target table: actual, numerator / denominator, status", async () => {
    const {text} = await made(["report", "--year", "2025"], "report-2025.docx");
    expect(text).toContain("表1　2025年度目标完成情况");
    expect(text).toContain("（本报告统计数据截至2025年6月。）");
    expect(text).toMatch(/法制审核率\n≥ 100\.0%\n[\d.]+%\n\d+ \/ \d+\n(达标|进行中|滞后)/);
    expect(text).toContain("表2　2026年度目标（草案）");
  });
});

test("the next year's draft gives the year's actuals in the targets' units, as the plan computes them", async () => {
  const doc = annualReportContent({year: 2025, figures: await buildAnnual(published.con), plans: await buildPlans(published.con), settings: readDocumentSettings(), latestMonth: "2025-06"});
  const [done, draft] = doc.blocks.filter((b): b is Extract<Block, {kind: "table"}> => b.kind === "table");
  expect(done.rows.length).toBeGreaterThan(5);
  expect(draft.rows.map((r) => [r.cells[1], r.cells[2]])).toEqual(done.rows.map((r) => [r.cells[1], r.cells[3]]));
});

describe("GB/T 9704 in the files the CLI writes", () => {
  test.each([["report", () => report2024.bytes], ["bulletin", () => bulletin.bytes]])("%s: A4, margins 37/35/28/26 mm, the official fonts", (_, bytes) => {
    const parts = docxParts(bytes());
    const section = elements(parts["word/document.xml"], "sectPr")[0];
    const mm = (element: Element, name: string) => Math.round((Number(wAttr(element, name)) / 1440) * 25.4 * 10) / 10;
    const size = elements(section, "pgSz")[0];
    const margin = elements(section, "pgMar")[0];
    expect([mm(size, "w"), mm(size, "h")]).toEqual([210, 297]);
    expect([mm(margin, "top"), mm(margin, "bottom"), mm(margin, "left"), mm(margin, "right")]).toEqual([37, 35, 28, 26]);
    const font = (id: string) => wAttr(elements(style(parts, id) as Element, "rFonts")[0], "eastAsia");
    expect([font("Title"), font("Normal"), font("Heading1"), font("Heading2")]).toEqual(["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"]);
  });
});

describe("the bulletin's indicators are the 数字城管案件 page's figures", () => {
  const filters = (year: number) => ({year, street: null, major: null, source: null});
  const sum = (rows: FlagCounts[]) => Object.fromEntries(["reports", ...FLAG_NAMES].map((k) => [k, rows.reduce((s, r) => s + (r as Record<string, number>)[k], 0)]));
  const months2025 = () => figures.months.filter((m) => m.startsWith("2025-"));

  test("the month's counts and rates equal the page's monthly trend for 2025-03, and the document says them", async () => {
    const page = (await q.monthly(db, filters(2025))).find((r) => r.month === "2025-03")!;
    const month = figures.byMonth["2025-03"].total!;
    for (const key of ["reports", "registered", "close_due", "closed", "closed_on_time"]) expect(month[key as keyof FlagCounts], key).toBe(page[key]);
    const rates = withRates(page);
    expect(withRates(month).close_rate).toBe(rates.close_rate);
    expect(withRates(month).ontime_close_rate).toBe(rates.ontime_close_rate);
    expect(bulletin.text).toContain(`共上报案卷${formatInteger(page.reports)}件`);
    expect(bulletin.text).toContain(`立案${formatInteger(page.registered)}件，结案${formatInteger(page.closed)}件；结案率${formatPercent(rates.close_rate)}，按期结案率${formatPercent(rates.ontime_close_rate)}`);
    expect(bulletin.text).toContain(`按期结案率\n${formatInteger(page.closed_on_time)} / ${formatInteger(page.close_due)}\n${formatPercent(rates.ontime_close_rate)}`);
  });

  test("every indicator of the document's table is the numerator over the denominator it prints", () => {
    const month = withRates(figures.byMonth["2025-03"].total!);
    for (const i of INDICATORS) {
      expect(bulletin.text, i.key).toContain(`${i.label}\n${formatInteger(month[i.numerator])} / ${formatInteger(month[i.denominator])}\n${formatPercent(month[i.key])}`);
    }
  });

  test("the months of a year add up to the page's KPIs of that year, indicator by indicator", async () => {
    const {current} = await q.totals(db, filters(2025));
    const year = withRates(sum(months2025().map((m) => figures.byMonth[m].total!)));
    for (const i of INDICATORS) {
      expect(year[i.numerator], i.numerator).toBe(current[i.numerator]);
      expect(year[i.denominator], i.denominator).toBe(current[i.denominator]);
      expect(year[i.key], i.key).toBe(current[i.key]);
    }
  });

  test("the streets' and departments' months add up to the page's indicator tables of the year", async () => {
    const {street} = await q.breakdowns(db, filters(2025), ["street"]);
    const {department} = await q.breakdowns(db, filters(2025), ["department"], "department");
    const months = months2025().map((m) => figures.byMonth[m]);
    for (const row of street) {
      const own = withRates(sum(months.flatMap((m) => m.streets.filter((s) => s.label === row.label))));
      for (const i of INDICATORS) expect(own[i.key], `${row.label} ${i.key}`).toBe(row[i.key]);
    }
    for (const row of department) {
      const units = months.flatMap((m) => (row.label === "（未派遣）" ? (m.undispatched ? [m.undispatched] : []) : m.departments.filter((d) => d.label === row.label)));
      const own = withRates(sum(units));
      for (const i of INDICATORS) expect(own[i.key], `${row.label} ${i.key}`).toBe(row[i.key]);
    }
    expect(street.length).toBe(new Set(months.flatMap((m) => m.streets.map((s) => s.label))).size);
  });

  test("the month choice offered on the page is the figures' months", async () => {
    expect(await bulletinMonths(published.con)).toEqual(figures.months);
    expect(figures.months.at(-1)).toBe("2025-06");
  });
});

describe("the bulletin as a document", () => {
  test("ranks streets and departments, marks those below the standard, prints the weights", () => {
    expect(bulletin.text).toContain("表2　2025年3月各街道按期结案率排名");
    expect(bulletin.text).toContain("表3　2025年3月各处置部门按期结案率排名");
    expect(bulletin.text).toContain("综合指标值 = 按期处置率 × 40% + 结案率 × 30% + （1 − 返工率）× 30%");
    expect(bulletin.text).toMatch(/事件类问题前三位依次为/);
    expect(bulletin.text).toMatch(/热线共受理群众诉求[\d,]+件/);
    expect(bulletin.text).toContain("与上年同月相比");
  });

  test("only aggregates: no case number, phone or ID number, no natural person", async () => {
    const ids = (await published.con.runAndReadAll("SELECT case_id FROM platform USING SAMPLE 200 ROWS")).getRowObjectsJS().map((r) => String(r.case_id));
    for (const text of [bulletin.text, report2024.text, JSON.stringify(figures)]) {
      for (const id of ids) expect(text.includes(id), id).toBe(false);
      expect(text).not.toMatch(/1[3-9]\d{9}/);
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toMatch(/[\u4e00-\u9fa5]某/);
    }
  });
});

describe("the CLI", () => {
  test("a month without data: exit 1 and a Chinese reason", async () => {
    const r = await cli(["bulletin", "--month", "2030-01", "--out", path.join(tmp, "none.docx")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("没有 2030-01 的数字城管或热线数据：可选 2023-01 至 2025-06");
    expect(fs.existsSync(path.join(tmp, "none.docx"))).toBe(false);
  });

  test("bad arguments: exit 2 with the usage", async () => {
    const r = await cli(["bulletin", "--month", "2025-3"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("格式为 YYYY-MM");
    expect(r.stderr).toContain("npm run report -- --year 2025");
  });
});
