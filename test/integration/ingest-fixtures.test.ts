import iconv from "iconv-lite";
import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import XLSX from "../../loaders/xlsx.ts";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest, IngestError} from "../../loaders/ingest.ts";
import {openWarehouse} from "../../loaders/publish/connection.ts";
import {reconcile} from "../../loaders/report.ts";
import {idCheckChar} from "../../loaders/schema/index.ts";
import {cleanText, contentHashes, query} from "./ingest-helpers.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-fixtures-"));
const raw = path.join(root, "raw");
const warehouse = path.join(root, "warehouse");
const env = {CHENGGUAN_SALT: "fixture-salt"};
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const ID = "41100219850312002" + idCheckChar("41100219850312002");
const PLATFORM_HEADER = "案卷编号,问题来源,问题类型,大类名称,小类名称,街道,社区,问题描述,发生地址,上报时间,立案时间,结案时间,当前阶段,举报人电话";

function write(rel: string, content: Buffer | string): void {
  const file = path.join(raw, rel);
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, content);
}

function workbook(aoa: unknown[][], bookType: XLSX.BookType, merges: XLSX.Range[] = []): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws["!merges"] = merges;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Sheet1");
  return XLSX.write(wb, {type: "buffer", bookType});
}

function platformMarch(extra = ""): Buffer {
  const rows = [
    "魏都区数字化城市管理案卷明细表（2024年3月）,,,,,,,,,,,,,",
    PLATFORM_HEADER,
    "WD001,监督员上报,事件,市容环境,暴露垃圾,西大街道,德科苑社区,门口堆放垃圾 电话13812345678,许昌市魏都区五一路126号3单元,2024/3/5 8:05,2024-03-05 08:30:00,,立案,13812345678",
    "WD002,12345热线,事件,宣传广告,小广告,东大街道,,小广告,,2024年3月6日,,,上报,",
    ",12345热线,事件,宣传广告,小广告,东大街道,,没有编号,,2024年3月6日,,,上报,",
    "WD003,12345热线,事件,宣传广告,小广告,火星街道,,未知街道,,2024年3月6日,,,上报,",
    ",,,,,,,,,,,,,",
    "WD004,视频监控,事件,市容环境,暴露垃圾,西大街道,,结案早于上报,,2024-03-07 10:00,,2024-03-01 10:00,结案,",
    extra,
    "合计,共6件,,,,,,,,,,,,"
  ].filter((r) => r !== "");
  return iconv.encode(rows.join("\r\n") + "\r\n", "gb18030");
}

function platformApril(): string {
  return (
    "\ufeff" +
    PLATFORM_HEADER +
    "\nWD001,监督员上报,事件,市容环境,暴露垃圾,西大街道,德科苑社区,堆放垃圾,许昌市魏都区五一路126号,2024/3/5 8:05,2024-03-05 08:30:00,2024-04-02 10:00,结案,13812345678\n" +
    "WD005,监督员上报,部件,道路交通,道路护栏,南关街道,,护栏破损,,2024-04-03,,,上报,\n"
  );
}

function casesMarch(): Buffer {
  return workbook(
    [
      ["2024年执法案件登记"],
      ["案号", "立案日期", "当事人", "当事人类型", "身份证号/统一社会信用代码", "联系电话", "当事人住址", "违法行为", "所属街道", "程序类型", "罚款金额", "执行情况", "结案日期"],
      ["魏城管罚〔2024〕1号", 45356, "李秀英", "自然人", ID, "13900001111", "许昌市魏都区建安大道318号锦华苑5号楼", "店外经营", "西大街道", "普通程序", 500, "自觉履行", "2024-03-20"],
      ["魏城管罚〔2024〕2号", "2024年3月6日", "许昌市魏都区聚福烧烤店", "法人或其他组织", null, "0374-1234567", null, "露天烧烤", "东大街道", "简易程序", -5, null, null],
      ["魏城管罚〔2024〕3号", "２０２４-０３-０８", "许昌市魏都区鑫源商行", "法人或其他组织", null, null, null, "店外经营", null, "简易程序", 200, "自觉履行", "2024-03-08"],
      [],
      ["合计", null, null, null, null, null, null, null, null, null, 695, null, null]
    ],
    "biff8",
    [
      {s: {r: 0, c: 0}, e: {r: 0, c: 12}},
      {s: {r: 3, c: 8}, e: {r: 4, c: 8}}
    ]
  );
}

beforeAll(() => {
  write("platform/2024-03_案卷明细.csv", platformMarch());
  write("platform/2024-04_案卷明细.csv", platformApril());
  write("cases/2024-03_执法案件.xls", casesMarch());
  write("documents/2024-03_文书.xlsx", Buffer.from("%PDF-1.4 this is not a spreadsheet"));
  write("documents/2024-04_文书.xlsx", workbook([["文书编号", "签发日期"], ["X1", "2024-04-01"]], "xlsx"));
  write("hotline/2024-03_缺列.csv", "工单编号,受理时间\nRX1,2024-03-01\n");
  write(
    "hotline/2024-03_工单.csv",
    "工单编号,来源,受理时间,诉求类型,诉求内容,诉求地址,来电人,来电号码\n" +
      "RX2,12345,2024-03-01 08:00,店外经营,王建国反映门口占道经营，电话138 1234 5678,许昌市魏都区建安大道318号锦华苑5号楼,王建国,13812345678\n"
  );
  write("other/notes.csv", "a,b\n");
});

describe("ingest on small fixtures", () => {
  let first: Awaited<ReturnType<typeof ingest>>;

  it("refuses to run without a raw folder", async () => {
    await expect(ingest({raw: path.join(root, "nope"), warehouse, env})).rejects.toThrow(IngestError);
    expect(fs.existsSync(warehouse)).toBe(false);
  });

  it("ingests, counts every data row once and reconciles", async () => {
    first = await ingest({raw, warehouse, env});
    expect(reconcile(first)).toEqual([]);
    const p = first.sources.platform;
    const march = p.files.find((f) => f.path === "platform/2024-03_案卷明细.csv")!;
    expect(march).toMatchObject({rowsRead: 5, accepted: 3, rejected: 2, skipped: false, error: null, encoding: "gb18030"});
    expect(march.sheets[0].headerRow).toBe(2);
    expect(p.files[1]).toMatchObject({path: "platform/2024-04_案卷明细.csv", rowsRead: 2, accepted: 2, encoding: "utf-8-bom"});
    expect(p.records).toBe(4);
    expect(p.latestMonth).toBe("2024-04");
    expect(p.rejectionReasons.map((r) => [r.reason, r.label, r.count])).toEqual([
      ["required:case_id", "缺少案卷编号", 1],
      ["rule:closed_after_reported", "结案时间早于上报时间", 1]
    ]);
    const cases = first.sources.cases;
    expect(cases.files[0]).toMatchObject({rowsRead: 3, accepted: 2, rejected: 1, format: "xls"});
    expect(cases.rejectionReasons[0]).toMatchObject({reason: "below_min:fine", count: 1});
  });

  it("keeps a value no code list knows as its text, and lists it as new with where it was first seen", async () => {
    const [row] = await query(warehouse, "SELECT street FROM platform WHERE case_id = 'WD003'");
    expect(row.street).toBe("火星街道");
    expect(first.sources.platform.newValues).toEqual([
      expect.objectContaining({field: "street", label: "街道", list: "street", file: "data/codes/street.yaml", value: "火星街道", rows: 1, firstFile: "platform/2024-03_案卷明细.csv", firstRow: 6})
    ]);
  });

  it("reports unreadable files by name and reads files that lack only optional columns", () => {
    const docs = first.sources.documents.files;
    expect(docs[0].error).toMatch(/不是电子表格.*PDF/);
    expect(docs[1]).toMatchObject({error: null, accepted: 1});
    expect(first.sources.hotline.files.find((f) => f.path.includes("缺列"))).toMatchObject({error: null, accepted: 1});
    expect(first.totals.filesWithErrors).toBe(1);
    expect(first.ignored).toEqual([{path: "other/notes.csv", reason: expect.stringMatching(/^目录“other”不是数据源目录/)}]);
    expect(fs.existsSync(path.join(warehouse, "warehouse.duckdb"))).toBe(true);
  });

  it("keeps rejected rows with file, human row number, reason and original values", async () => {
    const rejects = await query(warehouse, "SELECT * FROM rejects ORDER BY file, row");
    expect(rejects.map((r) => [r.file, r.row, r.reason_code])).toEqual([
      ["cases/2024-03_执法案件.xls", 4, "below_min:fine"],
      ["platform/2024-03_案卷明细.csv", 5, "required:case_id"],
      ["platform/2024-03_案卷明细.csv", 8, "rule:closed_after_reported"]
    ]);
    expect(JSON.parse(rejects[2].original as string)).toMatchObject({案卷编号: "WD004", 结案时间: "2024-03-01 10:00"});
    const csv = fs.readFileSync(path.join(warehouse, "rejects.csv"));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toContain("结案早于上报");
  });

  it("merges versions: the newest export wins", async () => {
    const rows = await query(warehouse, "SELECT case_id, status, closed_at::VARCHAR AS closed_at, source_file FROM platform ORDER BY case_id");
    expect(rows).toEqual([
      {case_id: "WD001", status: "closed", closed_at: "2024-04-02 10:00:00", source_file: "platform/2024-04_案卷明细.csv"},
      {case_id: "WD002", status: "reported", closed_at: null, source_file: "platform/2024-03_案卷明细.csv"},
      {case_id: "WD003", status: "reported", closed_at: null, source_file: "platform/2024-03_案卷明细.csv"},
      {case_id: "WD005", status: "reported", closed_at: null, source_file: "platform/2024-04_案卷明细.csv"}
    ]);
  });

  it("fills merged cells, parses serial and full-width dates", async () => {
    const rows = await query(warehouse, "SELECT case_no, filed_on::VARCHAR AS filed_on, street FROM cases ORDER BY case_no");
    expect(rows).toEqual([
      {case_no: "魏城管罚〔2024〕1号", filed_on: "2024-03-05", street: "411002001"},
      {case_no: "魏城管罚〔2024〕3号", filed_on: "2024-03-08", street: "411002002"}
    ]);
  });

  it("keeps no personal data in the clean tables", async () => {
    const text = await cleanText(warehouse);
    for (const v of ["王建国", "李秀英", ID, "13812345678", "13900001111", "0374-1234567", "锦华苑", "126号"]) expect(text).not.toContain(v);
    const [c] = await query(warehouse, "SELECT party_name, party_id, party_address FROM cases WHERE case_no = '魏城管罚〔2024〕1号'");
    expect(c).toMatchObject({party_name: "李某", party_address: null});
    expect(c.party_id).toMatch(/^[0-9a-f]{16}$/);
    const [org] = await query(warehouse, "SELECT party_name FROM cases WHERE case_no = '魏城管罚〔2024〕3号'");
    expect(org.party_name).toBe("许昌市魏都区鑫源商行");
    // RX2 carries the caller (RX1, of the file without those columns, does not); two files load in either order
    const [h] = await query(warehouse, "SELECT caller_name, content, address FROM hotline WHERE order_no = 'RX2'");
    expect(h).toEqual({caller_name: "王某", content: "王某反映门口占道经营，电话[电话]", address: "许昌市魏都区建安大道"});
  });

  it("changes nothing on a rerun with unchanged files", async () => {
    const before = await contentHashes(warehouse);
    const second = await ingest({raw, warehouse, env});
    expect(second.fullRebuild).toBe(false);
    expect(second.totals.filesRead).toBe(0);
    expect(second.totals).toMatchObject({...first.totals, filesRead: 0, filesSkipped: first.totals.files});
    expect(second.sources.platform.files.every((f) => f.skipped)).toBe(true);
    expect(await contentHashes(warehouse)).toEqual(before);
    expect(reconcile(second)).toEqual([]);
  });

  it("replaces the rows of a corrected file", async () => {
    const fixed = platformMarch().toString("latin1");
    write("platform/2024-03_案卷明细.csv", iconv.encode(iconv.decode(Buffer.from(fixed, "latin1"), "gb18030").replace(/\r\nWD002[^\r]*/, "").replace("火星街道", "东大街道"), "gb18030"));
    const r = await ingest({raw, warehouse, env});
    expect(r.sources.platform.files[0]).toMatchObject({skipped: false, rowsRead: 4, accepted: 2, rejected: 2});
    expect(r.sources.platform.files[1].skipped).toBe(true);
    expect(r.sources.cases.files[0].skipped).toBe(true);
    const ids = (await query(warehouse, "SELECT case_id FROM platform ORDER BY 1")).map((x) => x.case_id);
    expect(ids).toEqual(["WD001", "WD003", "WD005"]);
    const rejects = await query(warehouse, "SELECT row FROM rejects WHERE source = 'platform' ORDER BY row");
    expect(rejects.map((x) => x.row)).toEqual([4, 7]);
    expect(reconcile(r)).toEqual([]);
  });

  it("keeps the last good rows of a file that became unreadable", async () => {
    const good = fs.readFileSync(path.join(raw, "platform/2024-04_案卷明细.csv"));
    write("platform/2024-04_案卷明细.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = await ingest({raw, warehouse, env});
    const april = r.sources.platform.files[1];
    expect(april).toMatchObject({status: "kept_previous", rowsRead: 2, accepted: 2});
    expect(april.error).toMatch(/保留上次成功导入的 2 行/);
    expect((await query(warehouse, "SELECT status FROM platform WHERE case_id = 'WD001'"))[0].status).toBe("closed");
    expect(reconcile(r)).toEqual([]);
    write("platform/2024-04_案卷明细.csv", good);
  });

  it("drops the rows of a removed file, and refuses to empty a source without --prune", async () => {
    fs.rmSync(path.join(raw, "platform/2024-04_案卷明细.csv"));
    const r = await ingest({raw, warehouse, env});
    expect(r.sources.platform.removedFiles).toEqual(["platform/2024-04_案卷明细.csv"]);
    expect((await query(warehouse, "SELECT status FROM platform WHERE case_id = 'WD001'"))[0].status).toBe("registered");
    fs.rmSync(path.join(raw, "cases"), {recursive: true});
    const before = await contentHashes(warehouse);
    await expect(ingest({raw, warehouse, env})).rejects.toThrow(/--prune/);
    expect(await contentHashes(warehouse)).toEqual(before);
    const pruned = await ingest({raw, warehouse, env, prune: true});
    expect(pruned.sources.cases.records).toBe(0);
    fs.mkdirSync(path.join(raw, "cases"));
    write("cases/2024-03_执法案件.xls", casesMarch());
    write("platform/2024-04_案卷明细.csv", platformApril());
  });

  it("refuses to replace a source's rows when none of its earlier files is left, new files or not", async () => {
    // another machine's raw folder (or the sample written into an empty one) must not stand in for the warehouse's files
    expect((await ingest({raw, warehouse, env})).sources.cases.files.map((f) => f.path)).toEqual(["cases/2024-03_执法案件.xls"]);
    const march = path.join(raw, "cases/2024-03_执法案件.xls");
    const elsewhere = path.join(raw, "cases/2024-05_执法案件.xls");
    fs.renameSync(march, elsewhere);
    const before = await contentHashes(warehouse);
    await expect(ingest({raw, warehouse, env})).rejects.toThrow(/cases\/ 目录下没有仓库已导入的任何文件（仓库中有 1 个，如 cases\/2024-03_执法案件\.xls；目录中现有 1 个新文件）：原始数据目录可能不是生成仓库时的那个.*--prune/);
    expect(await contentHashes(warehouse)).toEqual(before);
    fs.renameSync(elsewhere, march);
  });

  it("builds a warehouse that has no exports beside it as it is: npm run build writes no sample over it", async () => {
    const empty = fs.mkdtempSync(path.join(root, "raw-elsewhere-"));
    const before = await contentHashes(warehouse);
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/prepare-data.ts"], {encoding: "utf8", env: {...process.env, ...env, CHENGGUAN_RAW: empty, CHENGGUAN_WAREHOUSE: warehouse}});
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/中没有导出文件：不导入，直接用现有数据仓库 .*warehouse\.duckdb/);
    expect(fs.readdirSync(empty)).toEqual([]);
    expect(await contentHashes(warehouse)).toEqual(before);
  });

  it("refuses to make a new salt for a warehouse made with another one", async () => {
    // no $CHENGGUAN_SALT and no .salt beside the warehouse: a moved warehouse whose .salt was left behind
    expect(fs.existsSync(path.join(path.dirname(warehouse), ".salt"))).toBe(false);
    const before = await contentHashes(warehouse);
    await expect(ingest({raw, warehouse, env: {}})).rejects.toThrow(/找不到加密盐 .*\.salt.*请把原来的 data\/\.salt 一并复制过来.*仓库未做任何改动/);
    expect(fs.existsSync(path.join(path.dirname(warehouse), ".salt"))).toBe(false);
    expect(await contentHashes(warehouse)).toEqual(before);
  });

  it("reads everything again when the salt changes", async () => {
    const r = await ingest({raw, warehouse, env: {CHENGGUAN_SALT: "another"}});
    expect(r.fullRebuild).toBe(true);
    expect(r.totals.filesSkipped).toBe(0);
    expect(r.warnings.join()).toMatch(/盐已变化/);
  });

  it("publishes only with the salt the warehouse was made with, and never makes up a new one", async () => {
    const published = await openWarehouse(warehouse, {CHENGGUAN_SALT: "another"});
    published.close();
    await expect(openWarehouse(warehouse, {CHENGGUAN_SALT: "fixture-salt"})).rejects.toThrow(/不是生成仓库时所用的/);
    await expect(openWarehouse(warehouse, {})).rejects.toThrow(/找不到加密盐/);
    expect(fs.existsSync(path.join(root, ".salt"))).toBe(false);
  });

  it("refuses to run while another live process holds the lock, and leaves no trace", async () => {
    const lock = path.join(root, ".warehouse.lock");
    fs.writeFileSync(lock, JSON.stringify({pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString()}));
    await expect(ingest({raw, warehouse, env})).rejects.toThrow(/已被锁定/);
    fs.rmSync(lock);
    expect(fs.readdirSync(root).filter((f) => f.startsWith(".warehouse."))).toEqual([]);
  });
});
