/**
 * The 案件热点 page end to end: the shared sample site (test/e2e/site.ts) is served on 127.0.0.1 and used in headless
 * Chromium; its dist/ is searched for any case position.
 */
import {readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {cellToParent, getResolution} from "h3-js";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {casePartResolution, hotspotCasePartPath} from "../../loaders/publish/hotspot.ts";
import {checkPage, launchBrowser, problems, serve, settle, watchPage} from "../../scripts/browser.ts";
import {FIRST_PAINT} from "../../scripts/first-paint.ts";
import type {StaticServer} from "../../scripts/serve.ts";
import {VIEWPORTS} from "../../scripts/site-pages.ts";
import {sharedSite} from "./site.ts";

let dist: string;
let server: StaticServer;
let browser: Browser;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

beforeAll(async () => {
  dist = (await sharedSite()).dist;
  server = await serve(dist);
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, viewport = {width: 1280, height: 800}): Promise<{page: Page; watched: Awaited<ReturnType<typeof watchPage>>}> {
  const context = await browser.newContext({viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  const page = await context.newPage();
  const watched = await watchPage(page, server.url);
  await page.goto(`${server.url}${path}`);
  await settle(page, 60_000);
  return {page, watched};
}

const number = (text: string | null) => Number((text ?? "").replace(/[^\d.-]/g, ""));

describe("案件热点", () => {
  for (const viewport of VIEWPORTS) {
    test(`/hotspot at ${viewport.width}×${viewport.height}: no error cell, page error or outside request`, async () => {
      const report = await checkPage(browser, server.url, "/hotspot", viewport);
      expect(problems(report)).toEqual([]);
    });
  }

  test("the map draws cells with a legend and street labels", async () => {
    const {page} = await open("/hotspot?year=2025");
    const map = page.locator(".chart-card", {hasText: "案件分布"}).first();
    expect(await map.locator("g.hotspot-cells path").count()).toBeGreaterThan(100);
    expect(await map.locator("figure svg").count()).toBeGreaterThanOrEqual(2);
    expect(await map.locator("figure").textContent()).toContain("案件数（件）");
    expect(await map.textContent()).toContain("高桥营街道");
    await page.context().close();
  });

  test("clicking a cell filters the page through the URL and opens that cell's case list, which the filters narrow", async () => {
    const {page, watched} = await open("/hotspot?year=2025");
    const placed = number(await page.locator('[data-kpi="placed"] .big').textContent());
    const cell = page.locator(".chart-card", {hasText: "案件分布"}).first().locator("g.hotspot-cells path").first();
    const id = await cell.getAttribute("data-cell");
    const caseLists: string[] = [];
    page.on("request", (request) => {
      const {pathname} = new URL(request.url());
      if (pathname.includes("hotspot/cases/")) caseLists.push(pathname);
    });
    await cell.click();
    await settle(page, 60_000);
    await expect.poll(() => page.url()).toContain(`cell=${id}`);
    await page.locator("#cell-cases table").waitFor();
    const chosen = number(await page.locator('[data-kpi="chosen"] .big').textContent());
    const title = await page.locator("#cell-cases h2").textContent();
    const listed = number(/共 ([\d,]+) 件/.exec(title ?? "")![1]);
    expect(listed).toBe(chosen);
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(placed);
    const rows = await page.locator("#cell-cases tbody tr").count();
    expect(rows).toBe(Math.min(listed, 200));
    // the click fetched the case list of the clicked cell's part of the map, not the district's
    expect(caseLists).toEqual([hotspotCasePartPath(cellToParent(id!, casePartResolution(getResolution(id!))))]);
    // the 单元 select shows the clicked cell by its street and community
    const cellSelect = page.locator("#filters select").nth(4);
    const cellLabel = await cellSelect.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent);
    expect(title).toContain(cellLabel);

    const major = page.locator("#filters select").nth(2);
    const majors = await major.locator("option").allTextContents();
    await major.selectOption({label: majors[1]});
    await settle(page, 60_000);
    await expect.poll(async () => number(/共 ([\d,]+) 件/.exec((await page.locator("#cell-cases h2").textContent()) ?? "")?.[1] ?? ""), {timeout: 30_000}).toBeLessThan(listed);
    for (const text of await page.locator("#cell-cases tbody tr td:nth-child(6)").allTextContents()) expect(text).toBe(majors[1]);

    // choosing 全部单元 in the select clears the cell from the URL and closes its list
    await cellSelect.selectOption({label: "全部单元"});
    await settle(page, 60_000);
    await expect.poll(() => page.url()).not.toContain("cell=");
    expect(await page.locator("#cell-cases table").count()).toBe(0);
    expect(watched.pageErrors).toEqual([]);
    await page.context().close();
  });

  test("the map painted by the build is taken over by the live page: its cells answer clicks, keys and hovers", async () => {
    const {page, watched} = await open("/hotspot");
    const map = page.locator(`.chart-card [data-hotspot-map="count"]:not(observablehq-loading[${FIRST_PAINT}] *)`).first();
    await map.waitFor();
    // the snapshot's own nodes (scripts/first-paint.ts keeps SVG geometry to 0.1 px), not a second drawing
    const d = (await map.locator("g.hotspot-cells path").first().getAttribute("d")) ?? "";
    expect(d).toMatch(/\d/);
    expect(d).not.toMatch(/\d\.\d\d/);
    const cell = map.locator("g.hotspot-cells path").nth(3);
    expect(await cell.locator("title").textContent()).toMatch(/ · .+\n[\d,]+ 件$/);
    expect(await cell.getAttribute("tabindex")).toBe("0");
    const id = await cell.getAttribute("data-cell");
    await cell.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain(`cell=${id}`);
    await settle(page, 60_000);
    await page.locator("#cell-cases table").waitFor();
    expect(number(await page.locator('[data-kpi="chosen"] .big').textContent())).toBeGreaterThan(0);
    // the chosen cell redraws the map (Plot's drawing, at full precision) with its outline
    await page.locator(".chart-card .hotspot-selected").first().waitFor();
    expect(watched.pageErrors).toEqual([]);
    await page.context().close();
  });

  test("the month comparison reads the two months from the URL and totals them", async () => {
    const {page} = await open("/hotspot?before=2025-05&after=2025-07");
    const subtitle = await page.locator(".chart-card", {hasText: "两个月份的单元增减"}).first().locator("h3").textContent();
    expect(subtitle).toMatch(/2025年5月 [\d,]+ 件 → 2025年7月 [\d,]+ 件/);
    await page.context().close();
  });
});

describe("no case position reaches dist/", () => {
  // the district's longitudes and latitudes with more than 3 decimals (better than about 100 m), and plane metres
  // (CGCS2000 Gauss–Krüger northing and easting, with or without the zone number)
  const degrees = (v: number) => ((v > 113.5 && v < 114.3) || (v > 33.7 && v < 34.4)) && Math.abs(v * 1000 - Math.round(v * 1000)) > 1e-6;
  const plane = (v: number) => (v > 3.6e6 && v < 3.9e6) || (v > 38.3e6 && v < 38.7e6) || (v > 3.0e5 && v < 7.0e5 && !Number.isInteger(v));
  // in text, a longitude is the tell: a lone 34.43 is as likely a rate or a duration as a latitude
  const TEXT = /(^|[^\d.])(11[34]\.\d{4,}|3[6-8]\d{5}\.\d+|38[3-6]\d{5}(\.\d+)?)([^\d]|$)/;

  test("no data file or page holds a coordinate with more than 3 decimals or a metre-level plane coordinate", () => {
    const checked: string[] = [];
    for (const file of files(dist)) {
      if (/\.arrow$/.test(file)) {
        const table = tableFromIPC(readFileSync(file));
        for (const field of table.schema.fields) {
          const type = String(field.type);
          if (!/^(Float|Int)/.test(type) || /_key$|_minute$/.test(field.name)) continue;
          const values = table.getChild(field.name)!.toArray() as ArrayLike<number>;
          for (let i = 0; i < values.length; i++) {
            const v = Number(values[i]);
            if (/^Float/.test(type) ? degrees(v) || plane(v) : plane(v)) throw new Error(`${file} ${field.name}: ${v}`);
          }
        }
        checked.push(file);
      } else if (/\.(json|csv|html)$/.test(file)) {
        const hit = TEXT.exec(readFileSync(file, "utf-8"));
        expect(hit?.[2], file).toBeUndefined();
        checked.push(file);
      }
    }
    expect(checked.some((f) => /hotspot\/cells\.[0-9a-f]+\.arrow$/.test(f))).toBe(true);
    expect(checked.some((f) => /hotspot\/cases\/[0-9a-f]{15}\.arrow$/.test(f))).toBe(true);
    expect(checked.some((f) => /hotspot\/meta\.[0-9a-f]+\.json$/.test(f))).toBe(true);
  });

  test("the check finds a point written in any of these ways, and the published cube has no position column", () => {
    const cube = files(dist).find((f) => /hotspot\/cells\.[0-9a-f]+\.arrow$/.test(f))!;
    expect(tableFromIPC(readFileSync(cube)).schema.fields.map((f) => f.name)).toEqual(["cell", "m", "street", "major", "source", "n"]);
    expect(degrees(113.83461)).toBe(true);
    expect(plane(3762867.42) && plane(38484719.75)).toBe(true);
    expect(TEXT.exec('{"lon":113.8346}')?.[2]).toBe("113.8346");
    expect(TEXT.exec('{"lon":113.835}')).toBeNull();
    expect(TEXT.exec('{"rate":34.429999999999986}')).toBeNull();
    expect(TEXT.exec('"x":3762867.42')?.[2]).toBe("3762867.42");
  });
});
