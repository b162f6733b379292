/**
 * The product end to end: the shared sample site (test/e2e/site.ts) is served on 127.0.0.1 and every page is used in
 * headless Chromium.
 */
import {readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import XLSX from "../../loaders/xlsx.ts";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {checkPage, launchBrowser, problems, serve, settle, watchPage} from "../../scripts/browser.ts";
import type {StaticServer} from "../../scripts/serve.ts";
import {SAFETY_PROBES} from "../../scripts/sample/platform.ts";
import {PAGES, VIEWPORTS} from "../../scripts/site-pages.ts";
import {sharedSite, type Site} from "./site.ts";
import {computeMetric, type MetricValue} from "../../loaders/metrics/compute.ts";
import {publicIgnoredReason, readReport} from "../../loaders/publish/quality.ts";
import {openDb, warehousePaths} from "../../loaders/warehouse.ts";
import {NEW_DEPARTMENT} from "../../scripts/sample/platform.ts";
import {formatInteger, formatPercent} from "../../src/components/number-format.ts";

let site: Site;
let server: StaticServer;
let browser: Browser;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function open(path: string, viewport = {width: 1280, height: 800}): Promise<{page: Page; watched: Awaited<ReturnType<typeof watchPage>>}> {
  const context = await browser.newContext({viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true});
  const page = await context.newPage();
  const watched = await watchPage(page, server.url);
  await page.goto(`${server.url}${path}`);
  await settle(page, 60_000);
  return {page, watched};
}

const kpi = (page: Page, id: string) => page.locator(`[data-kpi="${id}"] .big`).textContent();

beforeAll(async () => {
  site = await sharedSite();
  server = await serve(site.dist);
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("every page renders", () => {
  for (const viewport of VIEWPORTS) {
    test.each(PAGES)(`%s at ${viewport.width}×${viewport.height}: no error cell, page error or outside request`, async (path) => {
      const report = await checkPage(browser, server.url, path, viewport);
      expect(problems(report)).toEqual([]);
      // a phone's width: the page itself never scrolls sideways (wide tables scroll inside their card)
      if (viewport.width < 500) expect(report.overflowPx, "sideways scrolling").toBeLessThanOrEqual(1);
    });
  }
});

describe("the 2024 figures of the seed report", () => {
  test("the overview shows the documents and publicity of 2024", async () => {
    const {page} = await open("/?year=2024");
    expect(await kpi(page, "guidance_documents")).toBe("112 份");
    expect(await kpi(page, "rectification_orders")).toBe("73 份");
    expect(await kpi(page, "penalty_decisions")).toBe("12 份");
    expect(await kpi(page, "enforcement_applications")).toBe("3 件");
    expect(await kpi(page, "publicity_items")).toBe("460 篇");
    await page.context().close();
  });

  test("the report page writes the seed's sentences", async () => {
    const {page} = await open("/report?year=2024");
    const text = await page.locator("#report-text").textContent();
    expect(text).toContain("2024年以来，共下达各类《城市管理行政意见指导书》112份、《责令停止（改正）违法行为通知书》73份，《行政处罚决定书》12份，申请法院强制执行3件。");
    expect(text).toContain("2024年我局共发表宣传信息460篇，其中国家级12篇，省级53篇，市级352篇，区级43篇。");
    await page.context().close();
  });

  test("the enforcement ladder and the publicity page agree", async () => {
    const {page} = await open("/enforcement?year=2024");
    expect(await kpi(page, "guidance")).toBe("112 份");
    expect(await kpi(page, "enforcement_application")).toBe("3 件");
    await page.context().close();
    const publicity = await open("/publicity?year=2024");
    expect(await kpi(publicity.page, "publicity_total")).toBe("460 篇");
    await publicity.page.context().close();
  });
});

describe("interaction", () => {
  test("a filter change updates the charts and the URL; reload and Back restore the view", async () => {
    const {page, watched} = await open("/platform?year=2024");
    const all = await kpi(page, "reports");
    const street = page.locator("#filters select").nth(1);
    const options = await street.locator("option").allTextContents();
    await street.selectOption({label: options[1]});
    await settle(page);
    await expect.poll(() => page.url()).toContain("street=");
    await expect.poll(() => kpi(page, "reports")).not.toBe(all);
    const filtered = await kpi(page, "reports");
    await page.reload();
    await settle(page);
    await expect.poll(() => kpi(page, "reports")).toBe(filtered);
    expect(await street.inputValue()).not.toBe("0");
    // 案件热点 reads the same filters: the sidebar's link to it carries them, and it opens with them
    const chosenStreet = new URL(page.url()).searchParams.get("street")!;
    const link = page.locator("#observablehq-sidebar a[href*='hotspot']").first();
    await expect.poll(async () => new URL((await link.getAttribute("href"))!, page.url()).searchParams.get("street")).toBe(chosenStreet);
    await page.goBack();
    await settle(page);
    await expect.poll(() => kpi(page, "reports")).toBe(all);
    await expect.poll(async () => new URL((await link.getAttribute("href"))!, page.url()).searchParams.get("street")).toBe(null);
    await page.goForward();
    await settle(page);
    await link.click();
    await settle(page, 60_000);
    expect(new URL(page.url()).pathname).toMatch(/\/hotspot$/);
    expect(new URL(page.url()).searchParams.get("street")).toBe(chosenStreet);
    expect(await page.locator("#filters select").nth(1).evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(options[1]);
    expect(watched.pageErrors).toEqual([]);
    await page.context().close();
  });

  test("clicking a bar cross-filters the other charts", async () => {
    const {page} = await open("/platform?year=2024");
    const before = await kpi(page, "reports");
    const streetCard = page.locator(".chart-card", {hasText: "按街道"}).first();
    await streetCard.locator("g[aria-label=bar] rect").first().click();
    await settle(page);
    await expect.poll(() => page.url()).toContain("street=");
    const count = async () => Number((await kpi(page, "reports"))!.replace(/,/g, ""));
    await expect.poll(count).toBeLessThan(Number(before!.replace(/,/g, "")));
    await page.context().close();
  });

  test("exports: CSV (BOM, one line per table row), Excel, PNG and SVG", async () => {
    const {page} = await open("/platform?year=2024");
    const cardWithTable = page.locator(".chart-card", {hasText: "按街道"}).first();
    const summary = await cardWithTable.locator("summary").textContent();
    const rows = Number(summary!.match(/（(\d+) 行）/)![1]);
    const [download] = await Promise.all([page.waitForEvent("download"), cardWithTable.getByRole("button", {name: /导出 CSV/}).click()]);
    const csv = readFileSync((await download.path())!, "utf-8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(rows + 1);

    const [excel] = await Promise.all([page.waitForEvent("download"), cardWithTable.getByRole("button", {name: /导出 Excel/}).click()]);
    const book = XLSX.read(readFileSync((await excel.path())!));
    expect(XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], {header: 1})).toHaveLength(rows + 1);
    const [png] = await Promise.all([page.waitForEvent("download"), cardWithTable.getByRole("button", {name: /导出 PNG/}).click()]);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe("PNG");
    const [svg] = await Promise.all([page.waitForEvent("download"), cardWithTable.getByRole("button", {name: /导出 SVG/}).click()]);
    expect(readFileSync((await svg.path())!, "utf-8")).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    await page.context().close();
  });

  test("自助分析 fetches no DuckDB extension from outside the site, and says in Chinese why such a query fails", async () => {
    // an audit found `'{"a":1}'::JSON` loading the json extension from extensions.duckdb.org (2026-12-03)
    const queries = [`SELECT '{"a":1}'::JSON AS j`, `SELECT json_extract('{"a":1}', '$.a') AS a`, "SELECT * FROM read_parquet('x.parquet')", "INSTALL json; LOAD json", "SET autoload_known_extensions = true"];
    for (const sql of queries) {
      const {page, watched} = await open(`/sql?q=${encodeURIComponent(sql)}`);
      await page.locator("#sql-error").waitFor();
      const message = await page.locator("#sql-error").textContent();
      expect(watched.outsideRequests, sql).toEqual([]);
      if (!sql.startsWith("SET")) expect(message, sql).toMatch(/^查询出错：此查询需要 DuckDB 的扩展（如 JSON、Parquet），看板部署在内网，不下载扩展；请改用内置函数。/);
      else expect(message, sql).toMatch(/^查询出错：.*configuration.*locked|^查询出错：.*lock/i);
      await page.context().close();
    }
    const {page} = await open(`/sql?q=${encodeURIComponent("SELECT count(*) AS n FROM platform_cube")}`);
    expect(await page.locator("#sql-status").textContent()).toMatch(/^1 行/);
    await page.context().close();
  });

  test("free text is not published: the case list has no description, and the sample's probes are nowhere in dist/", async () => {
    const published = files(join(site.dist, "_file")).map((file) => readFileSync(file, "utf-8")).join("\n");
    expect(SAFETY_PROBES.join()).toMatch(/onerror=alert.*店门口堆放杂物.*example\.invalid/);
    for (const fragment of ["onerror=alert", "店门口堆放杂物", "example.invalid"]) expect(published).not.toContain(fragment);
    const {page, watched} = await open("/platform?year=2024");
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.getByRole("button", {name: /案件清单/}).click();
    await settle(page, 60_000);
    await page.locator("#case-list table").waitFor();
    expect(await page.locator("#case-list thead").textContent()).not.toContain("问题描述");
    expect(dialogs).toBe(0);
    expect(watched.pageErrors).toEqual([]);
    const caseCard = page.locator("#case-list .card");
    const [download] = await Promise.all([page.waitForEvent("download"), caseCard.getByRole("button", {name: /导出 CSV/}).click()]);
    const csv = readFileSync((await download.path())!, "utf-8");
    expect(csv.split("\r\n")[0]).toContain("案卷编号（加密）");
    await page.context().close();
  });
});

describe("privacy", () => {
  test("no ID-card or mobile number appears anywhere in dist/, in the data also with separators removed", () => {
    const id = /(^|[^0-9])[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]([^0-9]|$)/;
    const mobile = /(^|[^0-9])1[3-9]\d{9}([^0-9]|$)/;
    const hits = files(site.dist).filter((file) => {
      if (/\.(wasm|png)$/.test(file)) return false;
      const text = readFileSync(file, "latin1");
      return id.test(text) || mobile.test(text);
    });
    expect(hits).toEqual([]);
    // the data and pages as a person reads them: full-width digits halved, spaces and dashes between digits gone
    const read = (file: string) => readFileSync(file, "utf-8").normalize("NFKC").replace(/(?<=\d)[ \-]{1,3}(?=\d)/g, "");
    const data = files(site.dist).filter((file) => file.includes("/_file/") || file.endsWith(".html"));
    expect(data.length).toBeGreaterThan(10);
    expect(data.filter((file) => id.test(read(file)) || mobile.test(read(file)))).toEqual([]);
  });
});

describe("open code lists on the pages (issue 11)", () => {
  const report = () => readReport(site.warehouse)!;
  async function metric(id: string, year: number): Promise<MetricValue> {
    const db = await openDb(warehousePaths(site.warehouse).db, {readOnly: true});
    try {
      return await computeMetric(db.con, id, {from: `${year}-01-01`, to: `${year}-12-31`});
    } finally {
      db.close();
    }
  }

  test("数据质量 lists the sample's new values, with the ingest report's counts and first places, and the YAML snippet", async () => {
    const platform = report().sources.platform.newValues;
    const {page, watched} = await open("/quality");
    const table = page.locator("#new-values table");
    for (const value of ["已归档", "电动车飞线充电", NEW_DEPARTMENT]) {
      const expected = platform.find((v) => v.value === value)!;
      expect(expected, value).toBeDefined();
      expect(expected.firstFile, value).toMatch(/^platform\/2025-07/);
      const cells = await table.locator("tbody tr", {has: page.locator("td", {hasText: new RegExp(`^${value}$`)})}).locator("td").allTextContents();
      expect(cells, value).toEqual([
        report().sources.platform.label,
        expected.label,
        value,
        formatInteger(expected.rows),
        expected.firstFile,
        formatInteger(expected.firstRow),
        expected.closest ? `${expected.closest.name}（${expected.closest.code}）` : "—",
        expected.file
      ]);
      expect(expected.rows, value).toBeGreaterThan(0);
    }
    const yaml = await page.locator("#new-values-yaml pre").textContent();
    expect(yaml).toBe(report().newValuesYaml);
    for (const value of ["已归档", "电动车飞线充电", NEW_DEPARTMENT]) expect(yaml).toContain(value);
    // issue 12's items: every ignored entry with its reason (the sample's own manifest among them), and each text file's encoding
    const ignored = report().ignored;
    expect(ignored.map((i) => i.path)).toContain("sample-manifest.json");
    const ignoredRows = await page.locator("#raw-files table").first().locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(ignoredRows).toEqual(ignored.map((i) => [publicIgnoredReason(i.reason), i.path]));
    const textFiles = Object.values(report().sources).flatMap((s) => s.files.filter((f) => f.encoding));
    expect(textFiles.length).toBeGreaterThan(0);
    expect(await page.locator("#encodings h2").first().textContent()).toBe(`文本文件的编码（${formatInteger(textFiles.length)} 个文件）`);
    expect(watched.pageErrors).toEqual([]);
    await page.context().close();
  });

  test("the hotline page shows 2025's 满意率 and its counts as the loaders compute them, and the unmapped remark only when there are some", async () => {
    const satisfaction = await metric("hotline_satisfaction_rate", 2025);
    const resolution = await metric("hotline_resolution_rate", 2025);
    expect(satisfaction.denominator).toBeGreaterThan(100);
    const {page} = await open("/hotline?year=2025");
    expect(await kpi(page, "satisfaction_rate")).toBe(formatPercent(satisfaction.value));
    const note = await page.locator('[data-kpi="satisfaction_rate"] .kpi-note').textContent();
    expect(note).toContain(`满意 ${formatInteger(satisfaction.numerator)} / 已评价 ${formatInteger(satisfaction.denominator)}`);
    if (satisfaction.unmapped) expect(note).toContain(`含 ${formatInteger(satisfaction.unmapped)} 个未归类取值`);
    else expect(note).not.toContain("未归类");
    expect(await kpi(page, "resolution_rate")).toBe(formatPercent(resolution.value));
    const resolutionNote = await page.locator('[data-kpi="resolution_rate"] .kpi-note').textContent();
    if (resolution.unmapped) expect(resolutionNote).toContain(`含 ${formatInteger(resolution.unmapped)} 个未归类取值`);
    else expect(resolutionNote).not.toContain("未归类");
    await page.context().close();
  });

  test("the enforcement page's 法制审核率 is the loaders' rate over the published flags", async () => {
    const legal = await metric("legal_review_rate", 2024);
    expect(legal.denominator).toBeGreaterThan(0);
    const {page} = await open("/enforcement?year=2024");
    expect(await kpi(page, "legal_review_rate")).toBe(formatPercent(legal.value));
    expect(await page.locator('[data-kpi="legal_review_rate"] .kpi-note').textContent()).toBe(`已审核 ${formatInteger(legal.numerator)} / 普通程序案件 ${formatInteger(legal.denominator)}`);
    await page.context().close();
  });
});
