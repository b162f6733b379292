/**
 * Exports this project did not make: another city's March 2025 (test/fixtures/cases/foreign-exports, with its
 * expected.json) and a second vendor's June 2024 written by hand (test/fixtures/cases/vendor-b). They must ingest on the
 * first try, keeping every value the code lists do not know, and a bureau's edits to its code lists and headers must
 * map the old rows too.
 */
import {tableFromIPC} from "apache-arrow";
import {unzipSync} from "fflate";
import {cellToParent} from "h3-js";
import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {defaultCodeBook, findCategory, resolveCode, type CodeListId} from "../../loaders/codes/index.ts";
import {computeMetric} from "../../loaders/metrics/compute.ts";
import {ingest} from "../../loaders/ingest.ts";
import {openWarehouse} from "../../loaders/publish/connection.ts";
import {casePartResolution, hotspotCaseParts, hotspotMeta, hotspotZip, registerCells} from "../../loaders/publish/hotspot.ts";
import {cellNames, type CellPlace} from "../../src/components/hotspot-data.ts";
import {loadGeoConfig} from "../../loaders/geo/config.ts";
import {reconcile, type IngestReport} from "../../loaders/report.ts";
import {INGEST_NODE_FLAGS} from "../../loaders/stage-pool.ts";
import {contentHashes, query} from "./ingest-helpers.ts";

const FOREIGN = "test/fixtures/cases/foreign-exports";
const VENDOR_B = "test/fixtures/cases/vendor-b";
const expected = JSON.parse(fs.readFileSync(path.join(FOREIGN, "expected.json"), "utf8"));
const env = {CHENGGUAN_SALT: "qa-salt"};
const root = fs.mkdtempSync(path.join(os.tmpdir(), "foreign-"));
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
/** The district's map, with no coordinate system set: another city's exports are placed by detection. */
const GEO = path.join(root, "geo");
fs.mkdirSync(GEO);
fs.copyFileSync("data/geo/map.yaml", path.join(GEO, "map.yaml"));

/** A copy of the shipped code lists with some files edited, as a bureau would edit them. */
function editedCodes(name: string, edits: Record<string, (text: string) => string>): string {
  const dir = path.join(root, name);
  fs.cpSync("data/codes", dir, {recursive: true});
  for (const [file, edit] of Object.entries(edits)) fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), "utf8")));
  return dir;
}

const cli = (args: string[]) =>
  spawnSync(process.execPath, [...INGEST_NODE_FLAGS, "loaders/cli.ts", ...args], {encoding: "utf8", env: {...process.env, ...env, CI: "1"}});

describe("another city's March exports", () => {
  const warehouse = path.join(root, "foreign", "warehouse");
  let report: IngestReport;

  beforeAll(async () => {
    report = await ingest({raw: path.join(FOREIGN, "raw"), warehouse, env, geo: GEO});
  }, 120_000);

  it("are read as expected.json says: only the two rows that cannot be placed are rejected", () => {
    expect(reconcile(report)).toEqual([]);
    for (const source of ["platform", "hotline", "documents"] as const) {
      const s = report.sources[source];
      expect({rowsRead: s.rowsRead, accepted: s.accepted, rejected: s.rejected, records: s.records}, source).toEqual({
        rowsRead: expected[source].rowsRead,
        accepted: expected[source].accepted,
        rejected: expected[source].rejected,
        records: expected[source].records
      });
    }
    expect(report.sources.platform.rejectionReasons.map((r) => [r.reason, r.label, r.count])).toEqual([
      ["required:case_id", "缺少案卷编号", 1],
      ["rule:closed_after_reported", "结案时间早于上报时间", 1]
    ]);
  });

  it("rejects the row without an id at its sheet row, and XC202503099999 for closing before it was reported", async () => {
    const rejects = await query(warehouse, "SELECT row, record_id, reason_code FROM rejects ORDER BY row");
    expect(rejects).toEqual([
      {row: 14, record_id: null, reason_code: "required:case_id"},
      {row: 24, record_id: "XC202503099999", reason_code: "rule:closed_after_reported"}
    ]);
  });

  it("maps or lists as new, with its count, every value of expected.json", () => {
    const book = defaultCodeBook();
    const listed = new Map(Object.values(report.sources).flatMap((s) => s.newValues.map((v) => [v.value, v] as const)));
    const lists = [...new Set(Object.values(book.lists).map((l) => l.id))] as CodeListId[];
    const mapped = (value: string) => lists.some((l) => resolveCode(book, l, value) !== undefined) || findCategory(book, value, "minor", null) !== undefined;
    for (const value of expected.newValues as string[]) {
      const v = listed.get(value);
      if (v) expect(v.rows, value).toBeGreaterThan(0);
      else expect(mapped(value), `${value} is neither mapped nor listed as new`).toBe(true);
    }
    expect(listed.get("魏都区环卫所")).toMatchObject({field: "department", rows: 4, firstFile: "platform/2025-03_案卷导出.xlsx", closest: {code: "D12"}});
    expect(listed.get("责令改正通知书")).toMatchObject({field: "doc_type", rows: 2, file: "data/codes/document_type.yaml"});
  });

  it("keeps new values as their text in their own bucket, and places cases by their times", async () => {
    const departments = await query(warehouse, "SELECT department, count(*)::INTEGER AS n FROM platform GROUP BY 1 ORDER BY 1");
    expect(departments).toContainEqual({department: "魏都区环卫所", n: 4});
    const stages = await query(warehouse, "SELECT status, stage, count(*)::INTEGER AS n FROM platform GROUP BY ALL ORDER BY ALL");
    expect(stages).toEqual([
      {status: "dispatched", stage: "dispatched", n: 4},
      {status: "handled", stage: "handled", n: 3},
      {status: "回退", stage: "dispatched", n: 10},
      {status: "已归档", stage: "closed", n: 13}
    ]);
  });

  it("places its 30 cases, exported in CGCS2000 plane coordinates (zone 38, X the northing), inside 魏都区", async () => {
    const [placed] = await query(
      warehouse,
      "SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE geo_flag IS NULL)::INTEGER AS clean, min(geo_crs) AS crs, min(lon) AS west, max(lon) AS east, min(lat) AS south, max(lat) AS north FROM platform"
    );
    expect(placed).toMatchObject({n: 30, clean: 30, crs: "cgcs2000-gk3"});
    expect(placed.west as number).toBeGreaterThan(113.75);
    expect(placed.east as number).toBeLessThan(113.9);
    expect(placed.south as number).toBeGreaterThan(33.97);
    expect(placed.north as number).toBeLessThan(34.1);
  });

  it("publishes its 30 placed cases in 案件热点's case-list parts, each in the part of its map cell", async () => {
    const published = await openWarehouse(warehouse, env);
    try {
      const config = loadGeoConfig(GEO);
      const archive = unzipSync(await hotspotZip(published, config));
      const parts = await hotspotCaseParts(published.con, config);
      expect(Object.keys(archive).filter((name) => !name.startsWith("cases/"))).toEqual(["meta.json", "cells.arrow", "grids.arrow", "views.json"]);
      const files = Object.fromEntries(Object.entries(archive).filter(([name]) => name.startsWith("cases/")).map(([name, bytes]) => [name.slice("cases/".length), bytes]));
      expect(Object.keys(files).sort()).toEqual(parts.map((part) => `${part}.arrow`));
      const cube = tableFromIPC(archive["cells.arrow"]).toArray();
      expect(cube.reduce((sum, row) => sum + row.n, 0)).toBe(30);
      const partResolution = casePartResolution(config.map.cells.resolution);
      const keys: unknown[] = [];
      for (const [name, bytes] of Object.entries(files)) {
        for (const row of tableFromIPC(bytes).toArray()) {
          expect(cellToParent(String(row.cell), partResolution), name).toBe(name.replace(".arrow", ""));
          keys.push(row.case_key);
        }
      }
      expect(new Set(keys).size).toBe(30);
    } finally {
      published.close();
    }
  });

  it("names each map cell by its main street, community and 单元网格, so that no two cells share a name", async () => {
    const published = await openWarehouse(warehouse, env);
    try {
      const config = loadGeoConfig(GEO);
      await registerCells(published.con, config.map.cells.resolution);
      const meta = (await hotspotMeta(published.con, config)) as {cells: CellPlace[]};
      expect(meta.cells.length).toBeGreaterThan(1);
      const grids = await query(warehouse, "SELECT DISTINCT grid FROM platform WHERE grid IS NOT NULL");
      const known = new Set(grids.map((g) => g.grid));
      for (const c of meta.cells) {
        expect(c.street, c.cell).toBeTruthy();
        expect(known.has(c.grid), `${c.cell}: ${c.grid}`).toBe(true);
      }
      const names = cellNames(meta.cells);
      expect(new Set(names.values()).size).toBe(meta.cells.length);
    } finally {
      published.close();
    }
  });

  it("counts the satisfaction level it does not know in 满意率's denominator, and says so", async () => {
    const published = await openWarehouse(warehouse, env);
    try {
      const rate = await computeMetric(published.con, "hotline_satisfaction_rate", {from: "2025-03-01", to: "2025-03-31"});
      // 满意 5 + 基本满意 3 of the 10 rated (6 without a level and 4 未回访 are left out), one of the 10 being 一般
      expect(rate).toMatchObject({numerator: 8, denominator: 10, unmapped: 1});
    } finally {
      published.close();
    }
  });

  it("--check prints each file's layout and new values, and leaves the warehouse byte-identical", async () => {
    const before = await contentHashes(warehouse);
    const files = fs.readdirSync(warehouse).map((f) => [f, fs.readFileSync(path.join(warehouse, f)).toString("base64")]);
    const r = cli(["--check", "--raw", path.join(FOREIGN, "raw"), "--warehouse", warehouse]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("■ platform/2025-03_案卷导出.xlsx");
    expect(r.stdout).toContain("工作表“案卷”：表头在第 3 行，数据 32 行");
    expect(r.stdout).toContain("任务号 → 案卷编号（case_id）");
    expect(r.stdout).toContain("处置部门：“魏都区环卫所” 4 行");
    expect(r.stdout).toContain("将拒收的原因：缺少案卷编号 1 行；结案时间早于上报时间 1 行");
    expect(r.stdout).toMatch(/# data\/codes\/department\.yaml[\s\S]*name: 魏都区环卫所/);
    expect(fs.readdirSync(warehouse).map((f) => [f, fs.readFileSync(path.join(warehouse, f)).toString("base64")])).toEqual(files);
    expect(await contentHashes(warehouse)).toEqual(before);
    const saved = JSON.parse(fs.readFileSync(path.join(path.dirname(warehouse), "ingest-check.json"), "utf8"));
    expect(saved.files.map((f: {path: string; accepted: number}) => [f.path, f.accepted])).toEqual([
      ["platform/2025-03_案卷导出.xlsx", 30],
      ["documents/2025-03_文书登记.xlsx", 12],
      ["hotline/2025-03_12345工单明细.csv", 20]
    ]);
  });

  it("stops before touching the warehouse when a hand-edited code list cannot be used, naming the file and the line", async () => {
    const before = await contentHashes(warehouse);
    const broken = editedCodes("broken", {"department.yaml": (t) => t.replace("name: 区城市管理局环境卫生管理中心", 'name: "区城市管理局环境卫生管理中心')});
    const r = cli(["--raw", path.join(FOREIGN, "raw"), "--warehouse", warehouse, "--codes", broken]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^ingest: 配置文件 .*department\.yaml 第 \d+ 行：引号（"）没有闭合；仓库未做任何改动$/);
    expect(r.stderr).not.toMatch(/\.ts:\d+/);
    expect(await contentHashes(warehouse)).toEqual(before);
  });

  it("after two aliases are added, a rerun reads the affected files again and counts their rows under the mapped names", async () => {
    const codes = editedCodes("aliases", {
      "document_type.yaml": (t) => t.replace("aliases: [责令停止违法行为通知书, 责令改正违法行为通知书, 责令限期改正通知书]", "aliases: [责令停止违法行为通知书, 责令改正违法行为通知书, 责令限期改正通知书, 责令改正通知书]"),
      "department.yaml": (t) => t.replace("aliases: [环卫中心, 区环卫中心, 环境卫生管理中心]", "aliases: [环卫中心, 区环卫中心, 环境卫生管理中心, 魏都区环卫所]")
    });
    const rerun = await ingest({raw: path.join(FOREIGN, "raw"), warehouse, env, codes, geo: GEO});
    expect(reconcile(rerun)).toEqual([]);
    const read = Object.fromEntries(Object.entries(rerun.sources).filter(([, s]) => s.files.length).map(([id, s]) => [id, s.files.every((f) => !f.skipped)]));
    expect(read).toEqual({platform: true, documents: true, hotline: false});
    expect(rerun.warnings.join("\n")).toMatch(/代码表或表头配置已修改.*platform.*documents/);
    const values = Object.values(rerun.sources).flatMap((s) => s.newValues.map((v) => v.value));
    expect(values).not.toContain("魏都区环卫所");
    expect(values).not.toContain("责令改正通知书");
    expect(await query(warehouse, "SELECT count(*)::INTEGER AS n FROM platform WHERE department = 'D12'")).toEqual([{n: 4}]);
    const published = await openWarehouse(warehouse, env);
    try {
      // the ladder's second step: the two standard notices and the two the bureau mapped
      expect(await computeMetric(published.con, "rectification_orders", {from: "2025-03-01", to: "2025-03-31"})).toMatchObject({value: 4});
    } finally {
      published.close();
    }
  });
});

describe("a second vendor's June exports (written by hand)", () => {
  const warehouse = path.join(root, "vendor-b", "warehouse");

  it("refuses the platform file until its id column is mapped, naming the column; the hotline file goes in", async () => {
    const report = await ingest({raw: path.join(VENDOR_B, "raw"), warehouse, env});
    expect(reconcile(report)).toEqual([]);
    expect(report.sources.platform.files[0].error).toMatch(/^缺少必需列: 案卷编号（可用表头: 案卷编号\/案件号\/任务号/);
    const hotline = report.sources.hotline;
    expect(hotline).toMatchObject({rowsRead: 5, accepted: 5, rejected: 0, records: 5});
    expect(hotline.newValues.map((v) => [v.label, v.value, v.rows])).toEqual(
      expect.arrayContaining([
        ["来源", "12345便民服务热线", 2],
        ["来源", "市长信箱", 1],
        ["满意度", "一般", 1]
      ])
    );
    const r = cli(["--check", "--raw", path.join(VENDOR_B, "raw"), "--warehouse", warehouse]);
    expect(r.stdout).toContain("✗ 不会导入：缺少必需列: 案卷编号");
  });

  it("with 问题编号 added to headers.yaml: 12-hour times, 案件类型 over 问题类型, its statuses placed by the times", async () => {
    const codes = editedCodes("vendor-b", {"headers.yaml": (t) => t.replace("platform:\n", "platform:\n  case_id: [问题编号]\n")});
    const report = await ingest({raw: path.join(VENDOR_B, "raw"), warehouse, env, codes});
    expect(reconcile(report)).toEqual([]);
    const p = report.sources.platform;
    expect(p).toMatchObject({rowsRead: 8, accepted: 6, rejected: 2, records: 6});
    expect(p.rejectionReasons.map((r) => r.reason).sort()).toEqual(["required:case_id", "rule:closed_after_reported"]);
    expect(p.files[0].warnings).toEqual(expect.arrayContaining([expect.stringMatching(/“案件类型”和“问题类型”都对应字段“问题类型”，采用“案件类型”/)]));
    const rows = await query(
      warehouse,
      "SELECT case_id, problem_type, category_minor, department, status, stage, strftime(reported_at, '%Y-%m-%d %H:%M') AS reported FROM platform ORDER BY case_id"
    );
    expect(rows).toEqual([
      {case_id: "WT-2406-001", problem_type: "event", category_minor: "E0102", department: "D12", status: "已办结", stage: "closed", reported: "2024-06-03 09:15"},
      {case_id: "WT-2406-002", problem_type: "event", category_minor: "E0504", department: "西关街道办", status: "已办结", stage: "closed", reported: "2024-06-04 08:30"},
      {case_id: "WT-2406-003", problem_type: "event", category_minor: "E0510", department: "南关街道办", status: "办理中", stage: "dispatched", reported: "2024-06-05 21:10"},
      {case_id: "WT-2406-004", problem_type: "component", category_minor: "窨井盖", department: "市政养护所", status: "已办结", stage: "closed", reported: "2024-06-06 10:00"},
      {case_id: "WT-2406-005", problem_type: "event", category_minor: "E0102", department: null, status: "void", stage: "void", reported: "2024-06-07 09:00"},
      {case_id: "WT-2406-006", problem_type: "event", category_minor: "E0504", department: "南关街道办", status: "已办结", stage: "closed", reported: "2024-06-08 00:30"}
    ]);
    expect(p.newValues.map((v) => v.value)).toEqual(expect.arrayContaining(["网格员巡查", "市民热线", "西关街道办", "南关街道办", "市政养护所", "已办结", "办理中", "窨井盖"]));
  });
});
