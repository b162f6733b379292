/**
 * The publishing layer on its own: every data loader of the site run as Framework runs it, over a warehouse whose
 * exports hide personal data in every place they can (free text in any spelling, a third party named in a
 * description, values in the wrong column that a rejection reason would quote), and everything it writes searched
 * for that data with separators removed. Nothing is excused: not a name found in free text, not a number written
 * with spaces.
 */
import {tableFromIPC} from "apache-arrow";
import {strFromU8, unzipSync} from "fflate";
import {execFile} from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest.ts";
import {publishArrow} from "../../loaders/publish/connection.ts";
import {publicReason} from "../../loaders/publish/quality.ts";
import XLSX from "../../loaders/xlsx.ts";
import {query, rejectsCsvAndTable} from "./ingest-helpers.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "publish-"));
const raw = path.join(tmp, "raw");
const warehouse = path.join(tmp, "warehouse");
const SALT = "publish-salt";
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

const ID = "41100219900101123X";
const ID_2 = "411002198503120021";
const PHONE = "13812345678";
const PHONE_2 = "13900001111";
const NAMES = ["王建国", "李秀英", "赵德胜", "孙丽华", "周海涛"];

function put(rel: string, content: Buffer | string): void {
  fs.mkdirSync(path.dirname(path.join(raw, rel)), {recursive: true});
  fs.writeFileSync(path.join(raw, rel), content);
}

function workbook(aoa: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), "Sheet1");
  return XLSX.write(wb, {type: "buffer", bookType: "xlsx"});
}

/** What a person reads in a text, for leak searches: full-width as half-width, and no separators at all. */
function bare(text: string): string {
  return text.normalize("NFKC").replace(/[\s\-.·・—–‐_/\\,，、:：'"“”()（）[\]{}]/g, "");
}

beforeAll(async () => {
  put(
    "platform/2024-03_案卷.csv",
    "\ufeff案卷编号,问题来源,问题类型,大类名称,小类名称,街道,社区,问题描述,发生地址,上报时间,结案时间,当前阶段,举报人电话\n" +
      `WD900001,监督员上报,事件,市容环境,暴露垃圾,西大街道,,商户王建国占道经营，身份证411002 19900101 123X，电话138-1234-5678,许昌市魏都区五一路126号3单元,2024-03-05 08:05,,上报,${PHONE}\n` +
      `WD900002,12345热线,事件,宣传广告,小广告,东大街道,,市民反映李秀英家门口堆物，联系１３９０００１１１１１,,2024-03-06 09:00,,上报,\n` +
      `WD900003,12345热线,事件,宣传广告,小广告,火星街道,,赵德胜,,2024-03-06 09:00,,上报,\n` +
      `WD900004,12345热线,事件,宣传广告,小广告,东大街道,,赵德胜反映,,去年三月赵德胜报,,上报,\n`
  );
  put(
    "cases/2024-03_执法案件.xlsx",
    workbook([
      ["案号", "立案日期", "当事人", "当事人类型", "身份证号/统一社会信用代码", "联系电话", "当事人住址", "违法行为", "所属街道", "程序类型", "罚款金额", "执行情况"],
      ["魏城管罚〔2024〕91号", "2024-03-05", "孙丽华", "自然人", ID_2, PHONE_2, "许昌市魏都区建安大道318号", "店外经营", "西大街道", "普通程序", 500, "自觉履行"],
      ["魏城管罚〔2024〕92号", "2024-03-06", "周海涛", "自然人", "4110-0219-85", "138 0000 2222", null, "店外经营", "西大街道", "普通程序", -5, null]
    ])
  );
  put(
    "review/2024-03_复议.csv",
    "\ufeff案号,类别,收案日期,审结日期,申请人/原告,被申请行为,结果\n魏复〔2024〕1号,行政复议,2024-03-07,2024-04-20,李秀英,对李秀英（身份证 411002-19900101-123X）作出的罚款决定,维持\n"
  );
  put(
    "hotline/2024-03_工单.csv",
    "\ufeff工单编号,来源,受理时间,诉求类型,诉求内容,诉求地址,来电人,来电号码\n" +
      `RX9001,12345,2024-03-01 08:00,店外经营,邻居王建国占道，电话 138 1234 5678,许昌市魏都区建安大道318号,赵德胜,${PHONE}\n`
  );
  const report = await ingest({raw, warehouse, env: {CHENGGUAN_SALT: SALT}});
  expect(report.totals.filesWithErrors).toBe(0);
}, 300_000);

/** Every data loader of the site, run as Framework runs it, with what it wrote (Arrow streams as rows). */
async function publishedOutputs(): Promise<Map<string, string>> {
  const dir = path.join(ROOT, "src", "data");
  const out = new Map<string, string>();
  for (const loader of fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    const {stdout} = await run(process.execPath, ["--import", "tsx", path.join(dir, loader)], {
      cwd: ROOT,
      env: {...process.env, CHENGGUAN_WAREHOUSE: warehouse, CHENGGUAN_SALT: SALT},
      encoding: "buffer",
      maxBuffer: 1 << 28
    });
    const rowsOf = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON());
    const text = loader.includes(".arrow.")
      ? JSON.stringify(rowsOf(stdout), (_, v) => (typeof v === "bigint" ? Number(v) : v))
      : loader.includes(".zip.")
        ? JSON.stringify(
            Object.entries(unzipSync(new Uint8Array(stdout))).flatMap(([name, bytes]) => (name.endsWith(".arrow") ? rowsOf(bytes) : [JSON.parse(strFromU8(bytes))])),
            (_, v) => (typeof v === "bigint" ? Number(v) : v)
          )
        : stdout.toString("utf8");
    out.set(loader, text);
  }
  return out;
}

describe("publishing", () => {
  let outputs: Map<string, string>;
  beforeAll(async () => {
    outputs = await publishedOutputs();
  }, 600_000);

  it("runs every data loader of the site", () => {
    expect([...outputs.keys()]).toEqual(expect.arrayContaining(["platform-cases.zip.ts", "review.arrow.ts", "quality.json.ts", "hotline.arrow.ts", "cases.arrow.ts"]));
    expect(outputs.size).toBe(fs.readdirSync(path.join(ROOT, "src", "data")).filter((f) => f.endsWith(".ts")).length);
  });

  it("publishes no ID number, phone number or natural person's name, in any spelling, and no free text", () => {
    const all = bare([...outputs.values()].join("\n"));
    const leaks = [ID, ID_2, PHONE, PHONE_2, "13800002222", "411002199001", "4110021985", ...NAMES].filter((v) => all.includes(bare(v)));
    expect(leaks).toEqual([]);
    for (const fragment of ["占道经营身份证", "家门口堆物", "作出的罚款决定", "邻居"]) expect(all).not.toContain(fragment);
    const cases = JSON.parse(outputs.get("platform-cases.zip.ts")!) as Record<string, unknown>[];
    expect(Object.keys(cases[0])).not.toContain("description");
    const review = JSON.parse(outputs.get("review.arrow.ts")!) as Record<string, unknown>[];
    expect(Object.keys(review[0])).not.toContain("contested_act");
    expect(review[0].applicant).toBe("李某");
  });

  it("shows platform case numbers only as 32 bits of a salted hash", async () => {
    const cases = JSON.parse(outputs.get("platform-cases.zip.ts")!) as {case_key: number}[];
    const ids = (await query(warehouse, "SELECT case_id FROM platform ORDER BY case_id")).map((r) => String(r.case_id));
    const expected = ids.map((id) => parseInt(crypto.createHash("sha256").update(SALT + id).digest("hex").slice(0, 8), 16) - 2 ** 31);
    expect(cases.map((c) => c.case_key).sort()).toEqual(expected.sort());
    const all = [...outputs.values()].join("\n");
    for (const id of ids) expect(all).not.toContain(id);
  });

  it("publishes rejected rows as file, row and reason only, with their values left out of the reasons", async () => {
    const {rejects} = JSON.parse(outputs.get("quality.json.ts")!) as {rejects: Record<string, unknown>[]};
    const stored = await query(warehouse, "SELECT file, row, reason FROM rejects ORDER BY file, row");
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(rejects.map((r) => [r.file, r.row])).toEqual(stored.map((r) => [r.file, r.row]));
    for (const r of rejects) {
      expect(Object.keys(r).sort()).toEqual(["file", "reason", "reason_code", "row", "sheet", "source"]);
      expect(String(r.reason)).not.toMatch(/“[^…]|（[^…]/);
    }
    expect(stored.map((r) => r.reason).join()).toMatch(/赵德胜/);
    expect(publicReason("街道“火星街道”不在代码表中；身份证号/统一社会信用代码格式不正确（4110-0219-85）")).toBe("街道“…”不在代码表中；身份证号/统一社会信用代码格式不正确（…）");
  });

  it("refuses to publish the rejects or stage tables", async () => {
    await expect(publishArrow("SELECT * FROM rejects")).rejects.toThrow(/not published/);
    await expect(publishArrow("SELECT * FROM stage.platform")).rejects.toThrow(/not published/);
    for (const [loader, text] of outputs) expect(text, loader).not.toMatch(/"original"|"_seq"|record_id":"WD/);
  });

  it("leaves rejects.csv equal to the rejects table", async () => {
    const {csv, table} = await rejectsCsvAndTable(warehouse);
    expect(csv).toEqual(table);
  });
});
