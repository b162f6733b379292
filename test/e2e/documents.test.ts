/**
 * The Word documents' download buttons in headless Chromium: the default sample is generated, ingested and built
 * with no network, dist/ is served on 127.0.0.1, both buttons are clicked, and the files that arrive read (mammoth)
 * exactly as the CLI's files for the same year and month (the shared sample site of test/e2e/site.ts).
 */
import {execFile} from "node:child_process";
import {readFileSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {launchBrowser, serve, settle, watchPage} from "../../scripts/browser.ts";
import type {StaticServer} from "../../scripts/serve.ts";
import {docxPartSource, docxText} from "../docx-reading.ts";
import {sharedSite} from "./site.ts";

const run = promisify(execFile);
const tsx = resolve("node_modules/.bin/tsx");

let work: string;
let env: NodeJS.ProcessEnv;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "chengguan-documents-e2e-"));
  const site = await sharedSite();
  env = {...process.env, ...site.env};
  server = await serve(site.dist);
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, {recursive: true, force: true});
});

async function open(path: string) {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true});
  const page = await context.newPage();
  const watched = await watchPage(page, server.url);
  await page.goto(`${server.url}${path}`);
  await settle(page, 60_000);
  return {page, watched};
}

/** Clicks the button and returns the file that the browser downloads. */
async function download(page: Page, button: string): Promise<{name: string; bytes: Uint8Array}> {
  const [file] = await Promise.all([page.waitForEvent("download", {timeout: 60_000}), page.click(button)]);
  return {name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!))};
}

/** The CLI's file for the same warehouse. */
async function cli(args: string[], name: string): Promise<Uint8Array> {
  const out = join(work, name);
  await run(process.execPath, ["--import", "tsx", "scripts/documents.ts", ...args, "--out", out], {env});
  return new Uint8Array(readFileSync(out));
}

const xml = (bytes: Uint8Array) => docxPartSource(bytes, "word/document.xml");

describe("download buttons", () => {
  test("年度报告数据: the 2024 draft arrives and reads as the CLI's, with the seed's sentences", async () => {
    const {page, watched} = await open("/report?year=2024");
    const file = await download(page, "#download-report");
    expect(file.name).toBe("魏都区城市管理局关于2024年法治政府建设情况的报告（初稿）.docx");
    await expect.poll(() => page.locator(".document-download [role=status]").textContent()).toBe(`已生成：${file.name}`);
    const text = await docxText(file.bytes);
    expect(text).toContain("2024年以来，共下达各类《城市管理行政意见指导书》112份、《责令停止（改正）违法行为通知书》73份，《行政处罚决定书》12份，申请法院强制执行3件。");
    expect(text).toContain("2024年我局共发表宣传信息460篇，其中国家级12篇，省级53篇，市级352篇，区级43篇。");
    const fromCli = await cli(["report", "--year", "2024"], "report-2024.docx");
    expect(text).toBe(await docxText(fromCli));
    expect(xml(file.bytes)).toBe(xml(fromCli));
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    expect(watched.failedRequests).toEqual([]);
    await page.context().close();
  });

  test("数字城管案件: the bulletin of a chosen month arrives, reads as the CLI's, and states the page's figures for that month", async () => {
    const {page, watched} = await open("/platform?year=2025");
    await page.locator("#bulletin select").selectOption({label: "2025年3月"});
    const file = await download(page, "#download-bulletin");
    expect(file.name).toBe("2025年3月数字城管运行情况通报.docx");
    const text = await docxText(file.bytes);
    const fromCli = await cli(["bulletin", "--month", "2025-03"], "bulletin-2025-03.docx");
    expect(text).toBe(await docxText(fromCli));
    expect(xml(file.bytes)).toBe(xml(fromCli));
    // the page's monthly trend table: month, 上报数, 立案数, 结案数
    const trend = page.locator(".chart-card", {hasText: "月度上报趋势"}).first();
    await trend.locator("summary").click();
    // the table is made when the details open, after the click returns
    const march = trend.locator("table tbody tr", {has: page.locator("td", {hasText: /^2025-03$/})}).first();
    await march.waitFor();
    const cells = await march.locator("td").allTextContents();
    expect(cells[0]).toBe("2025-03");
    const [, reports, registered, closed] = cells.map((c) => c.trim());
    expect(text).toContain(`共上报案卷${reports}件`);
    expect(text).toContain(`立案${registered}件，结案${closed}件`);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    expect(watched.failedRequests).toEqual([]);
    await page.context().close();
  });

  test("a page loads neither the docx library nor the bulletin figures until a button is clicked", async () => {
    const {page} = await open("/platform");
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    const before = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    expect(before.filter((url) => url.includes("/_node/docx@") || url.includes("/data/bulletin."))).toEqual([]);
    await download(page, "#download-bulletin");
    expect(requested.some((url) => url.includes("/_node/docx@"))).toBe(true);
    expect(requested.some((url) => url.includes("/data/bulletin."))).toBe(true);
    await page.context().close();
  });
});
