/**
 * The collected inputs of issue 12 that concern reading (test/fixtures/ingest/<case>/, each with the expected.md it
 * came with), each ingested on its own and held to the values its expected.md states.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest.ts";
import {reconcile, type IngestReport} from "../../loaders/report.ts";
import {cleanText, query, rejectsCsvAndTable, snapshot} from "./ingest-helpers.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/ingest");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reader-cases-"));
const env = {CHENGGUAN_SALT: "reader-cases-salt"};
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

/** Ingests one case's raw folder into its own warehouse; checks what every run must hold. */
async function ingestCase(name: string, salt = env): Promise<{report: IngestReport; warehouse: string}> {
  const raw = path.join(FIXTURES, name, "raw");
  const warehouse = path.join(tmp, name, "warehouse");
  const before = snapshot(raw);
  const report = await ingest({raw, warehouse, env: salt});
  expect(snapshot(raw)).toEqual(before);
  expect(reconcile(report)).toEqual([]);
  const {csv, table} = await rejectsCsvAndTable(warehouse);
  expect(csv).toEqual(table);
  return {report, warehouse};
}

const docNo = (n: number) => `魏城管指字〔2024〕第${String(n).padStart(4, "0")}号`;
const day = (d: number) => `2024-03-${String(d).padStart(2, "0")}`;

describe("01-ampm-datetime: Windows zh-CN date-times with 上午/下午", () => {
  it("reads 下午 3:05 as 15:05, 上午 12:30 as 00:30 and 下午 12:10 as 12:10", async () => {
    const {report, warehouse} = await ingestCase("01-ampm-datetime");
    expect(report.sources.hotline).toMatchObject({rowsRead: 4, accepted: 4, rejected: 0, records: 4});
    const rows = await query(warehouse, "SELECT order_no, received_at::VARCHAR AS received, responded_at::VARCHAR AS responded, closed_at::VARCHAR AS closed FROM hotline ORDER BY order_no");
    expect(rows).toEqual([
      {order_no: "CG2024030500001", received: "2024-03-05 15:05:00", responded: "2024-03-05 15:20:00", closed: "2024-03-06 09:00:00"},
      {order_no: "CG2024030500002", received: "2024-03-05 00:30:00", responded: null, closed: null},
      {order_no: "CG2024030500003", received: "2024-03-05 12:10:00", responded: null, closed: null},
      {order_no: "CG2024030500004", received: "2024-03-05 15:05:00", responded: null, closed: null}
    ]);
  });
});

describe("04-idcard-mangled: 18-digit ID numbers Excel stored as numbers", () => {
  it("never hashes a truncated ID into a person key: the key is null, each row named in a warning", async () => {
    // the hashes of expected.md are made with this salt
    const {report, warehouse} = await ingestCase("04-idcard-mangled", {CHENGGUAN_SALT: "qa-salt"});
    expect(report.sources.cases).toMatchObject({rowsRead: 3, accepted: 3, rejected: 0, records: 3});
    const rows = await query(warehouse, "SELECT case_no, party_id FROM cases ORDER BY case_no");
    // expected.md allows 第103号 to be rejected; issue 12 asks for the row kept with the key null and a warning
    expect(rows).toEqual([
      {case_no: "魏城管立字〔2024〕第101号", party_id: null},
      {case_no: "魏城管立字〔2024〕第102号", party_id: "b3bdf1158bcbd7c4"},
      {case_no: "魏城管立字〔2024〕第103号", party_id: null}
    ]);
    const damaged = report.sources.cases.rowWarnings.find((w) => w.code === "damaged_id:party_id")!;
    expect(damaged.message).toMatch(/身份证号.*Excel 存成了数字.*已置空/);
    expect(damaged.at).toEqual([
      {file: "cases/2024-03_行政执法案件登记台账.xlsx", sheet: "Sheet1", row: 2},
      {file: "cases/2024-04_行政执法案件登记台账.csv", sheet: "csv", row: 2}
    ]);
    const everything = [await cleanText(warehouse), JSON.stringify(report)].join("\n");
    expect(everything).not.toContain("4c755244fc59433c");
    expect(everything).not.toContain("1522da84f690f208");
  });
});

describe("05-dimension-ref: a sheet's declared range smaller than its cells", () => {
  it("reads every row that exists, whatever <dimension> says", async () => {
    const {report, warehouse} = await ingestCase("05-dimension-ref");
    const files = report.sources.documents.files;
    expect(files.map((f) => [f.path, f.rowsRead, f.accepted, f.rejected, f.error])).toEqual([
      ["documents/2024-03_执法文书登记台账.xlsx", 6, 6, 0, null],
      ["documents/2024-04_执法文书登记台账.xlsx", 6, 6, 0, null]
    ]);
    expect(report.sources.documents.records).toBe(12);
    const rows = await query(warehouse, "SELECT doc_no, issued_on::VARCHAR AS issued, served_on::VARCHAR AS served, source_file, source_row FROM documents ORDER BY doc_no");
    const expected = [
      ...[801, 802, 803, 804, 805, 806].map((n, i) => ({doc_no: docNo(n), issued: day(i + 2), served: day(i + 3), source_file: "documents/2024-03_执法文书登记台账.xlsx", source_row: i + 2})),
      ...[811, 812, 813, 814, 815, 816].map((n, i) => ({doc_no: docNo(n), issued: day(i + 2), served: day(i + 3), source_file: "documents/2024-04_执法文书登记台账.xlsx", source_row: i + 2}))
    ];
    expect(rows).toEqual(expected);
  });
});

describe("20b-dimension-full-sheet: a 6 KB workbook declaring A1:XFD1048576", () => {
  it("reads the workbook's six real rows and the other file, without exhausting memory", async () => {
    const {report, warehouse} = await ingestCase("20b-dimension-full-sheet");
    expect(report.totals.filesWithErrors).toBe(0);
    expect(report.sources.documents.files[0]).toMatchObject({rowsRead: 6, accepted: 6, sheets: [{name: "Sheet1", headerRow: 1, rowsRead: 6}]});
    const docs = await query(warehouse, "SELECT doc_no, issued_on::VARCHAR AS issued FROM documents ORDER BY doc_no");
    expect(docs).toEqual([801, 802, 803, 804, 805, 806].map((n, i) => ({doc_no: docNo(n), issued: day(i + 2)})));
    const training = await query(warehouse, "SELECT date::VARCHAR AS date, topic, type, participants FROM training");
    expect(training).toEqual([{date: "2024-03-05", topic: "执法文书规范填写", type: "enforcement_business", participants: 38}]);
  });
});

describe("11-bom-plus-gbk: a UTF-8 BOM and header before a GBK body", () => {
  it("decodes each line in its own encoding, says how sure that is, and lets no replacement character through", async () => {
    const {report, warehouse} = await ingestCase("11-bom-plus-gbk");
    const file = report.sources.training.files[0];
    expect(file).toMatchObject({rowsRead: 2, accepted: 2, rejected: 0, error: null, encoding: "utf-8-bom+gb18030", encodingConfidence: "doubtful"});
    expect(file.encodingEvidence).toMatch(/UTF-8 BOM；1 行是合法的 UTF-8，2 行只能按 GB18030 解码/);
    expect(file.warnings.join("\n")).toMatch(/文件以 UTF-8 BOM 开头.*第 2–3 行（共 2 行）是 GB18030/);
    const rows = await query(warehouse, "SELECT date::VARCHAR AS date, topic, type, participants, hours FROM training ORDER BY date");
    expect(rows).toEqual([
      {date: "2024-03-05", topic: "执法文书规范填写", type: "enforcement_business", participants: 38, hours: 1.5},
      {date: "2024-03-19", topic: "法制审核要点", type: "legal_review", participants: 22, hours: 2}
    ]);
    const everything = [await cleanText(warehouse), fs.readFileSync(path.join(warehouse, "rejects.csv"), "utf8"), JSON.stringify(report)].join("\n");
    expect(everything).not.toContain("\ufffd");
  });
});

describe("14-proto-header: columns named __proto__, constructor and toString", () => {
  it("keeps every cell of the rejected row under its header, and pollutes nothing", async () => {
    const {report, warehouse} = await ingestCase("14-proto-header");
    const file = report.sources.documents.files[0];
    expect(file).toMatchObject({rowsRead: 2, accepted: 1, rejected: 1});
    expect(file.unmappedColumns).toEqual(["__proto__", "constructor", "toString"]);
    expect(await query(warehouse, "SELECT doc_no, doc_type, issued_on::VARCHAR AS issued FROM documents")).toEqual([
      {doc_no: "魏城管指字〔2024〕第0501号", doc_type: "guidance", issued: "2024-03-05"}
    ]);
    const [reject] = await query(warehouse, "SELECT row, record_id, reason, original FROM rejects");
    expect(reject).toMatchObject({row: 3, record_id: "魏城管指字〔2024〕第0502号"});
    expect(reject.reason).toContain("签发日期“去年某天”无法识别为日期");
    expect(reject.reason).toContain("文书类型“不存在的文书”不在代码表中（新取值）");
    expect(JSON.parse(reject.original as string)).toEqual({
      文书编号: "魏城管指字〔2024〕第0502号",
      文书类型: "不存在的文书",
      签发日期: "去年某天",
      送达日期: "2024-03-05",
      当事人: "李四",
      所属街道: "西关街道",
      承办中队: "直属执法中队",
      ["__proto__"]: "备注P",
      constructor: "备注C",
      toString: "备注T"
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("15-hidden-sheet: a hidden backup sheet with stale rows", () => {
  it("reads the visible sheet only, and names the hidden one", async () => {
    const {report, warehouse} = await ingestCase("15-hidden-sheet");
    const file = report.sources.documents.files[0];
    expect(file.sheets.map((s) => s.name)).toEqual(["3月台账"]);
    expect(file.warnings.join("\n")).toMatch(/工作表“备份\(隐藏\)”是隐藏的工作表，未导入/);
    expect(report.sources.documents.records).toBe(1);
    expect(await query(warehouse, "SELECT doc_no, served_on::VARCHAR AS served FROM documents")).toEqual([
      {doc_no: "魏城管责字〔2024〕第0601号", served: "2024-03-08"}
    ]);
  });

  it("says so again on a rerun that skips the unchanged file", async () => {
    const again = await ingest({raw: path.join(FIXTURES, "15-hidden-sheet", "raw"), warehouse: path.join(tmp, "15-hidden-sheet", "warehouse"), env});
    const file = again.sources.documents.files[0];
    expect(file.skipped).toBe(true);
    expect(file.warnings.join("\n")).toMatch(/备份\(隐藏\)/);
  });
});
