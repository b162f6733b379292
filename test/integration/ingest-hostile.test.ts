/**
 * Inputs of our own of the kinds issue 12 names: a raw folder with odd names, links and files that are no exports
 * (kind 7), resource bombs among good files (kind 8), and threads that run out of heap or time while reading.
 */
import {execFileSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {ingest} from "../../loaders/ingest.ts";
import {scanRaw} from "../../loaders/manifest.ts";
import {reconcile} from "../../loaders/report.ts";
import type {StageJob} from "../../loaders/stage-file.ts";
import {stageFiles} from "../../loaders/stage-pool.ts";
import XLSX from "../../loaders/xlsx.ts";
import {cell, DOCUMENTS_HEADER, documentRows, rowsXml, xlsx, xlsxMembers, zip} from "./hostile-files.ts";
import {query, rejectsCsvAndTable, snapshot} from "./ingest-helpers.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-hostile-"));
const env = {CHENGGUAN_SALT: "hostile-salt"};
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

function put(base: string, rel: string, content: Buffer | string): void {
  fs.mkdirSync(path.dirname(path.join(base, rel)), {recursive: true});
  fs.writeFileSync(path.join(base, rel), content);
}

const TRAINING_HEADER = "日期,主题,类型,参训人数\n";
const training = (rows: string[]) => "\ufeff" + TRAINING_HEADER + rows.join("\n") + "\n";
const documentsCsv = (numbers: number[], extra = "") =>
  "\ufeff" + DOCUMENTS_HEADER.join(",") + "\n" + documentRows(numbers).map((r) => r.join(",")).join("\n") + "\n" + extra;

const CODES = defaultCodeBook();

describe("kind 7: every entry under the raw folder is accounted for", () => {
  const base = path.join(root, "accounting");
  const raw = path.join(base, "raw");
  const shared = path.join(base, "shared-drive");
  const warehouse = path.join(base, "warehouse");
  const odd = ["documents/a\tb 2024-03.csv", "documents/line\nbreak 2024-03.csv", `documents/"quoted" 'name' 2024-03.csv`, "documents/.2024-03 hidden.csv"];

  put(raw, "documents/2024-03_台账.csv", documentsCsv([1, 2]));
  put(raw, odd[0], documentsCsv([11, 12], "坏编号,未知文书,不是日期,,西关街道\n"));
  put(raw, odd[1], documentsCsv([21]));
  put(raw, odd[2], documentsCsv([31]));
  put(raw, odd[3], documentsCsv([41]));
  put(raw, "documents/2098-01_台账.csv", documentsCsv([51]));
  put(raw, "documents/~$2024-03_台账.csv", "lock");
  put(raw, "documents/README.md", "说明");
  put(raw, "notes.txt", "not an export");
  put(shared, "training/2024-03_培训.csv", training(["2024-03-05,执法文书规范填写,执法业务,38"]));
  put(shared, "training/2024-04_培训.csv", training(["2098-05-01,未来的培训,执法业务,10"]));
  fs.symlinkSync(path.join(shared, "training"), path.join(raw, "training"));
  fs.symlinkSync(path.join(base, "missing.csv"), path.join(raw, "documents", "broken 2024-03.csv"));
  fs.symlinkSync("..", path.join(raw, "documents", "up"));
  let fifo = false;
  try {
    execFileSync("mkfifo", [path.join(raw, "documents", "pipe.csv")]);
    fifo = true;
  } catch {
    // no mkfifo: the test goes on without a pipe
  }

  it("reads odd names under their exact path, follows links, reports the rest, flags future months, writes nothing outside the warehouse", async () => {
    const before = snapshot(base);
    const report = await ingest({raw, warehouse, env});
    expect(reconcile(report)).toEqual([]);

    const files = Object.values(report.sources).flatMap((s) => s.files.map((f) => f.path));
    const ignored = report.ignored.map((i) => i.path);
    const scanned = scanRaw(raw);
    expect([...files].sort()).toEqual(scanned.files.map((f) => f.path).sort());
    expect(ignored).toEqual(scanned.ignored.map((i) => i.path));
    expect(files).toEqual(expect.arrayContaining([odd[0], odd[1], odd[2], "documents/2024-03_台账.csv", "documents/2098-01_台账.csv", "training/2024-03_培训.csv", "training/2024-04_培训.csv"]));
    expect(Object.fromEntries(report.ignored.map((i) => [i.path, i.reason]))).toMatchObject({
      [odd[3]]: "隐藏文件（名称以 . 开头），未读取",
      "documents/~$2024-03_台账.csv": "Excel 打开文件时生成的临时锁文件，未读取",
      "documents/README.md": "说明文件，未读取",
      "documents/broken 2024-03.csv": expect.stringMatching(/^符号链接指向的“.*missing\.csv”不存在/),
      "documents/up": expect.stringMatching(/^与“\.”是同一目录.*循环/),
      "notes.txt": expect.stringMatching(/^不在任何数据源目录中/),
      ...(fifo ? {"documents/pipe.csv": "不是普通文件（管道、设备或套接字），未读取"} : {})
    });

    const sourceFiles = (await query(warehouse, "SELECT DISTINCT source_file FROM documents ORDER BY 1")).map((r) => r.source_file);
    expect(sourceFiles).toEqual([...files.filter((f) => f.startsWith("documents/"))].sort());
    const rejects = await query(warehouse, "SELECT file, row FROM rejects");
    expect(rejects).toEqual([{file: odd[0], row: 4}]);
    const {csv, table} = await rejectsCsvAndTable(warehouse);
    expect(csv).toEqual(table);
    expect(csv[1][1]).toBe(odd[0]);

    const flagged = Object.values(report.sources).flatMap((s) => s.files.filter((f) => f.futureMonth).map((f) => [f.path, f.futureMonth]));
    expect(flagged).toEqual([
      ["documents/2098-01_台账.csv", "2098-01"],
      ["training/2024-04_培训.csv", "2098-05"]
    ]);
    expect(report.sources.documents.files.find((f) => f.path === "documents/2098-01_台账.csv")).toMatchObject({accepted: 1, error: null});
    expect(report.sources.training.files[1].warnings.join()).toMatch(/数据行中最晚的日期 2098-05-01 晚于今天/);
    expect(report.warnings.join()).toMatch(/2 个文件的月份晚于今天（已导入，请核对日期）/);

    const after = snapshot(base);
    const outsideWarehouse = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith("warehouse/")));
    expect(outsideWarehouse(after)).toEqual(outsideWarehouse(before));
  });

  it("says the same on a rerun that skips every file", async () => {
    const again = await ingest({raw, warehouse, env});
    expect(again.totals.filesRead).toBe(0);
    const flagged = Object.values(again.sources).flatMap((s) => s.files.filter((f) => f.futureMonth).map((f) => f.path));
    expect(flagged).toEqual(["documents/2098-01_台账.csv", "training/2024-04_培训.csv"]);
    const {csv, table} = await rejectsCsvAndTable(warehouse);
    expect(csv).toEqual(table);
    expect((await query(warehouse, "SELECT file FROM rejects"))[0].file).toBe(odd[0]);
  });
});

describe("kind 8: resource bombs fail as their own files, quickly, and the rest is ingested", () => {
  const raw = path.join(root, "bombs", "raw");
  const warehouse = path.join(root, "bombs", "warehouse");
  const members = xlsxMembers([{name: "S", xml: rowsXml([DOCUMENTS_HEADER, ...documentRows([901, 902])])}]);
  const sheetPart = (change: (m: (typeof members)[number]) => (typeof members)[number]) => zip(members.map((m) => (m.name.includes("sheet1") ? change(m) : m)));
  const inflating = (m: (typeof members)[number]) => ({...m, data: (m.data as string).replace("</sheetData>", `<row r="9">${"<c/>".repeat(3_000_000)}</row></sheetData>`)});

  put(raw, "documents/2024-03_4GB.xlsx", sheetPart((m) => ({...m, statedSize: 0xfffffff0})));
  put(raw, "documents/2024-03_lying.xlsx", sheetPart((m) => ({...inflating(m), statedSize: 2000})));
  put(raw, "documents/2024-03_bomb.xlsx", sheetPart(inflating));
  put(raw, "documents/2024-03_spread.xlsx", xlsx([{name: "S", xml: rowsXml([DOCUMENTS_HEADER]) + Array.from({length: 3000}, (_, i) => `<row r="${i + 2}">${cell(`XFD${i + 2}`, "x")}</row>`).join("")}]));
  put(raw, "documents/2024-03_good.xlsx", xlsx([{name: "S", xml: rowsXml([DOCUMENTS_HEADER, ...documentRows([1, 2, 3])]), dimension: "A1:XFD1048576"}]));
  put(raw, "training/2024-03_培训.csv", training(["2024-03-05,执法文书规范填写,执法业务,38"]));

  it("names each bomb's fault in Chinese and ingests the good files", async () => {
    const report = await ingest({raw, warehouse, env});
    expect(reconcile(report)).toEqual([]);
    const errors = Object.fromEntries(report.sources.documents.files.map((f) => [f.path, f.error]));
    expect(errors).toEqual({
      "documents/2024-03_4GB.xlsx": expect.stringMatching(/声明解压后有 4\.0 GB，而其压缩数据只有/),
      "documents/2024-03_lying.xlsx": expect.stringMatching(/解压后超过其声明的 2\.0 KB/),
      "documents/2024-03_bomb.xlsx": expect.stringMatching(/超出电子表格的正常比例/),
      "documents/2024-03_spread.xlsx": expect.stringMatching(/却分布在 49,152,005 个单元格的宽度上/),
      "documents/2024-03_good.xlsx": null
    });
    expect(report.totals.filesWithErrors).toBe(4);
    expect((await query(warehouse, "SELECT doc_no FROM documents ORDER BY 1")).map((r) => r.doc_no)).toEqual(documentRows([1, 2, 3]).map((r) => r[0]));
    expect((await query(warehouse, "SELECT topic FROM training"))[0].topic).toBe("执法文书规范填写");
  });
});

describe("reading threads: a file that exhausts the heap or overruns its time fails alone", () => {
  const dir = path.join(root, "pool");
  const loadDir = path.join(dir, "load");
  fs.mkdirSync(loadDir, {recursive: true});
  const big = path.join(dir, "documents", "2024-03_big.xlsx");
  const small = path.join(dir, "training", "2024-03_small.csv");
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([DOCUMENTS_HEADER, ...documentRows(Array.from({length: 150_000}, (_, i) => i + 1))]), "S");
  put(dir, "documents/2024-03_big.xlsx", XLSX.write(wb, {type: "buffer", bookType: "xlsx", compression: true}));
  put(dir, "training/2024-03_small.csv", training(["2024-03-05,执法文书规范填写,执法业务,38"]));
  const job = (index: number, abs: string, source: "documents" | "training"): StageJob => ({
    loadDir,
    index,
    hash: null,
    salt: "s",
    codes: {dir: CODES.dir, fingerprints: CODES.fingerprints},
    geo: "data/geo",
    file: {source, path: path.relative(dir, abs), abs, size: fs.statSync(abs).size, month: "2024-03", spreadsheet: true}
  });
  const jobs = [job(1, big, "documents"), job(2, small, "training")];

  it("turns an out-of-memory into that file's error, leaves no partial rows, and reads the others", async () => {
    const {results, threads} = await stageFiles(jobs, {workers: 1, heapMb: 64});
    expect(threads).toBe(1);
    const bigResult = results.get(1)!;
    expect(bigResult.kind).toBe("error");
    expect(bigResult.kind === "error" && bigResult.error).toMatch(/^读取时内存超出上限（64 MB）/);
    expect(results.get(2)).toMatchObject({kind: "staged", outcome: {accepted: 1}});
    expect(fs.readdirSync(loadDir).sort()).toEqual(["stage-training-2.tsv"]);
    fs.rmSync(loadDir, {recursive: true});
    fs.mkdirSync(loadDir);
  });

  it("gives each thread the run's code book, so that no thread reads the code folder again", async () => {
    // a folder that does not exist: a thread that tried to read it would fail the file
    const book = {...CODES, dir: path.join(dir, "no-such-codes")};
    const withBook = [{...jobs[1], codes: {dir: book.dir, fingerprints: book.fingerprints}}];
    for (const workers of [1, 0]) {
      const {results} = await stageFiles(withBook, {workers, book});
      expect(results.get(2), `workers: ${workers}`).toMatchObject({kind: "staged", outcome: {accepted: 1}});
    }
    const {results} = await stageFiles(withBook, {workers: 1});
    expect(results.get(2)).toMatchObject({kind: "error", error: expect.stringContaining("代码表目录不存在")});
    fs.rmSync(loadDir, {recursive: true});
    fs.mkdirSync(loadDir);
  });

  it("stops a thread that overruns a file's time, and reads the others on a fresh one", async () => {
    const {results} = await stageFiles(jobs, {workers: 1, timeLimit: (size) => (size > 100_000 ? 50 : 60_000)});
    const bigResult = results.get(1)!;
    expect(bigResult.kind === "error" && bigResult.error).toMatch(/^读取超过 .* 秒仍未完成，已中止/);
    expect(results.get(2)).toMatchObject({kind: "staged", outcome: {accepted: 1}});
    expect(fs.readdirSync(loadDir).sort()).toEqual(["stage-training-2.tsv"]);
  });
});
