import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {acquireLock, LockError} from "../../loaders/lock.ts";
import {compareExports, scanRaw} from "../../loaders/manifest.ts";
import {TsvWriter} from "../../loaders/bulk.ts";
import {copyTsv, openDb, prepareBuildDir, swapIn, warehousePaths} from "../../loaders/warehouse.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warehouse-test-"));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(r.stdout.toString());
}

describe("lock", () => {
  it("is exclusive while held and free after release", () => {
    const file = path.join(dir, ".a.lock");
    const release = acquireLock(file);
    expect(() => acquireLock(file)).toThrow(LockError);
    release();
    expect(fs.existsSync(file)).toBe(false);
    acquireLock(file)();
  });

  it("takes over a stale lock left by a dead process", () => {
    const file = path.join(dir, ".b.lock");
    fs.writeFileSync(file, JSON.stringify({pid: deadPid(), host: os.hostname(), startedAt: "2024-01-01T00:00:00Z"}));
    const release = acquireLock(file);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("refuses a lock held by a live process and says which", () => {
    const file = path.join(dir, ".c.lock");
    fs.writeFileSync(file, JSON.stringify({pid: process.ppid, host: os.hostname(), startedAt: "2024-01-01T00:00:00Z"}));
    expect(() => acquireLock(file)).toThrow(new RegExp(`进程 ${process.ppid}`));
    fs.rmSync(file);
  });
});

describe("atomic swap", () => {
  it("replaces the warehouse directory and cleans up", () => {
    const p = warehousePaths(path.join(dir, "wh1"));
    fs.mkdirSync(p.dir);
    fs.writeFileSync(path.join(p.dir, "x"), "old");
    const build = prepareBuildDir(p);
    expect(path.dirname(build)).toBe(path.dirname(p.dir));
    fs.writeFileSync(path.join(build, "x"), "new");
    swapIn(build, p);
    expect(fs.readFileSync(path.join(p.dir, "x"), "utf8")).toBe("new");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".wh1."))).toEqual([]);
  });

  it("restores the previous warehouse when a swap was cut between its two renames", () => {
    const p = warehousePaths(path.join(dir, "wh2"));
    fs.mkdirSync(`${p.oldPrefix}12345`, {recursive: true});
    fs.writeFileSync(path.join(`${p.oldPrefix}12345`, "x"), "previous");
    fs.mkdirSync(`${p.tmpPrefix}12345-abc`);
    const build = prepareBuildDir(p);
    expect(fs.readFileSync(path.join(p.dir, "x"), "utf8")).toBe("previous");
    expect(fs.existsSync(`${p.tmpPrefix}12345-abc`)).toBe(false);
    fs.rmSync(build, {recursive: true});
  });
});

describe("bulk load", () => {
  it("loads text with quotes, backslashes, tabs and line breaks intact or flattened", async () => {
    const file = path.join(dir, "rows.tsv");
    const w = new TsvWriter(file);
    const texts = ['a"b', "\\N", "'x'", "\\", " lead", '{"k":"v\\n"}', "x\ty\nz", "中文，（）", "#c"];
    for (const t of texts) w.write([t, 1, "2024-03-05", "2024-03-05T08:05:00", true, 1.5]);
    w.write([null, null, null, null, null, null]);
    w.close();
    const db = await openDb(":memory:");
    await db.con.run("CREATE TABLE t (a VARCHAR, b INTEGER, c DATE, d TIMESTAMP, e BOOLEAN, f DOUBLE)");
    await copyTsv(db.con, "t", file);
    const rows = (await db.con.runAndReadAll("SELECT a, b, c::VARCHAR c, d::VARCHAR d, e, f FROM t")).getRowsJson();
    db.close();
    expect(rows.map((r) => r[0])).toEqual([...texts.map((t) => t.replace(/[\t\n]/g, " ")), null]);
    expect(rows[0]).toEqual(['a"b', 1, "2024-03-05", "2024-03-05 08:05:00", true, 1.5]);
    expect(rows[rows.length - 1]).toEqual([null, null, null, null, null, null]);
  });

  it("creates its file only once it has a row, and writes lines larger than its buffer whole", () => {
    const empty = path.join(dir, "empty.tsv");
    const none = new TsvWriter(empty);
    none.close();
    expect(fs.existsSync(empty)).toBe(false);
    const file = path.join(dir, "large.tsv");
    const w = new TsvWriter(file);
    const long = "长".repeat(3 << 20);
    w.write(["a", 1]);
    w.write([long, 2]);
    w.close();
    expect(fs.readFileSync(file, "utf8")).toBe(`a\t1\n${long}\t2\n`);
  });
});

describe("manifest: export order", () => {
  it("orders by the month in the name, then by path; undated files are oldest", () => {
    const files = [
      {month: "2024-03", path: "platform/2024-03_更正.xlsx"},
      {month: "2024-10", path: "platform/2024-10.xlsx"},
      {month: null, path: "platform/历史.xlsx"},
      {month: "2024-03", path: "platform/2024-03.xlsx"},
      {month: "2024-02", path: "platform/2024-02.xlsx"}
    ];
    expect([...files].sort(compareExports).map((f) => f.path)).toEqual([
      "platform/历史.xlsx",
      "platform/2024-02.xlsx",
      "platform/2024-03.xlsx",
      "platform/2024-03_更正.xlsx",
      "platform/2024-10.xlsx"
    ]);
  });

  it("scans source folders at any depth and lists what belongs to none", () => {
    const raw = path.join(dir, "raw");
    for (const f of ["platform/2024/2024-02.csv", "platform/2024-01.xlsx", "cases/2024-01.xls", "misc/x.csv", "loose.csv", "platform/~$2024-01.xlsx", "platform/.DS_Store", "platform/说明.pdf"]) {
      fs.mkdirSync(path.dirname(path.join(raw, f)), {recursive: true});
      fs.writeFileSync(path.join(raw, f), "x");
    }
    const scan = scanRaw(raw);
    expect(scan.files.map((f) => [f.path, f.month, f.spreadsheet])).toEqual([
      ["platform/说明.pdf", null, false],
      ["platform/2024-01.xlsx", "2024-01", true],
      ["platform/2024/2024-02.csv", "2024-02", true],
      ["cases/2024-01.xls", "2024-01", true]
    ]);
    expect(scan.ignored.map((i) => i.path)).toEqual(["loose.csv", "misc/x.csv", "platform/.DS_Store", "platform/~$2024-01.xlsx"]);
  });
});
