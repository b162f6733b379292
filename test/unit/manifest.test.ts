import {execFileSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {scanRaw} from "../../loaders/manifest.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

function put(root: string, rel: string, content = "x"): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), {recursive: true});
  fs.writeFileSync(path.join(root, rel), content);
}

describe("scanRaw: every entry under the raw folder is read or reported with a reason", () => {
  const raw = path.join(dir, "raw");
  const outside = path.join(dir, "elsewhere");
  put(raw, "platform/2024-01.csv");
  put(raw, "platform/.DS_Store");
  put(raw, "platform/._2024-01.csv");
  put(raw, "platform/~$2024-01.xlsx");
  put(raw, "platform/.~lock.2024-01.xlsx#");
  put(raw, "platform/.backup/2023-12.csv");
  put(raw, "platform/README.txt");
  put(raw, "platform/a\tb 2024-02.csv");
  put(raw, "platform/line\nbreak 2024-03.csv");
  put(raw, `platform/"quoted" 'name' 2024-04.csv`);
  put(raw, "loose.csv");
  put(raw, "misc/x.csv");
  put(outside, "hotline/2024-05.csv");
  put(outside, "shared.csv");
  fs.symlinkSync(path.join(outside, "hotline"), path.join(raw, "hotline"));
  fs.symlinkSync(path.join(outside, "shared.csv"), path.join(raw, "platform", "link 2024-06.csv"));
  fs.symlinkSync(path.join(raw, "platform", "2024-01.csv"), path.join(raw, "platform", "same-as-january.csv"));
  fs.symlinkSync(path.join(dir, "nowhere.csv"), path.join(raw, "platform", "broken.csv"));
  fs.symlinkSync("..", path.join(raw, "platform", "loop"));
  fs.symlinkSync(raw, path.join(outside, "hotline", "back-to-raw"));
  const fifo = path.join(raw, "cases", "pipe.csv");
  fs.mkdirSync(path.dirname(fifo));
  const hasFifo = (() => {
    try {
      // a named pipe: reading it would block the ingest for ever
      execFileSync("mkfifo", [fifo]);
      return true;
    } catch {
      return false;
    }
  })();
  const gbkName = Buffer.concat([Buffer.from(path.join(raw, "review") + "/"), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(".csv")]);
  fs.mkdirSync(path.join(raw, "review"));
  fs.writeFileSync(gbkName, "x");

  const scan = scanRaw(raw);

  it("reads odd names, and files and folders reached through links under the link's path", () => {
    expect(scan.files.map((f) => f.path)).toEqual([
      "platform/2024-01.csv",
      "platform/a\tb 2024-02.csv",
      "platform/line\nbreak 2024-03.csv",
      `platform/"quoted" 'name' 2024-04.csv`,
      "platform/link 2024-06.csv",
      "hotline/2024-05.csv"
    ]);
    expect(scan.files.find((f) => f.path === "hotline/2024-05.csv")).toMatchObject({source: "hotline", month: "2024-05", target: fs.realpathSync(path.join(outside, "hotline", "2024-05.csv"))});
    expect(scan.files.find((f) => f.path === "platform/link 2024-06.csv")!.target).toBe(fs.realpathSync(path.join(outside, "shared.csv")));
    expect(scan.files.find((f) => f.path === "platform/2024-01.csv")!.target).toBeUndefined();
  });

  it("reports everything else with its reason", () => {
    const reasons = Object.fromEntries(scan.ignored.map((i) => [i.path, i.reason]));
    expect(reasons).toMatchObject({
      "loose.csv": expect.stringMatching(/^不在任何数据源目录中/),
      "misc/x.csv": expect.stringMatching(/^目录“misc”不是数据源目录/),
      "platform/.DS_Store": "隐藏文件（名称以 . 开头），未读取",
      "platform/._2024-01.csv": "隐藏文件（名称以 . 开头），未读取",
      "platform/.backup": "隐藏目录（名称以 . 开头），其中的文件未读取",
      "platform/~$2024-01.xlsx": "Excel 打开文件时生成的临时锁文件，未读取",
      "platform/.~lock.2024-01.xlsx#": "WPS/LibreOffice 打开文件时生成的临时锁文件，未读取",
      "platform/README.txt": "说明文件，未读取",
      "platform/broken.csv": expect.stringMatching(/^符号链接指向的“.*nowhere\.csv”不存在或无法访问/),
      "platform/same-as-january.csv": "与“platform/2024-01.csv”是同一文件（符号链接或硬链接），未重复读取",
      "platform/loop": "与“.”是同一目录（经符号链接到达，会形成循环），未重复读取",
      "hotline/back-to-raw": "与“.”是同一目录（经符号链接到达，会形成循环），未重复读取",
      "review/中文.csv": expect.stringMatching(/^名称不是 UTF-8 编码（此处按 GBK 显示/)
    });
    if (hasFifo) expect(reasons["cases/pipe.csv"]).toBe("不是普通文件（管道、设备或套接字），未读取");
    expect(scan.ignored).toHaveLength(hasFifo ? 14 : 13);
  });

  it("accounts for every entry: each is read or reported, none twice", () => {
    const all = [...scan.files.map((f) => f.path), ...scan.ignored.map((i) => i.path)];
    expect(new Set(all).size).toBe(all.length);
  });
});
