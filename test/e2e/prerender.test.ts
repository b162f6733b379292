/**
 * First figures without the engine: every page's default view draws from the build's results while DuckDB-WASM is
 * held back, a filter used before the engine is ready says so and then applies, and the build's figures are the
 * engine's (`?prerender=off` computes every view in the browser).
 */
import {readFileSync} from "node:fs";
import type {Browser, Page, Route} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {errorCells, launchBrowser, serve, settle, watchPage} from "../../scripts/browser.ts";
import type {StaticServer} from "../../scripts/serve.ts";
import {sharedSite} from "./site.ts";
import {CELL_ROOT, FIRST_PAINT, intactSnapshots, pageFile} from "../../scripts/first-paint.ts";
import {PAGES} from "../../scripts/site-pages.ts";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serve((await sharedSite()).dist);
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page whose DuckDB-WASM files are held until `release()`. */
async function withEngineHeld(path: string): Promise<{page: Page; release(): void; held(): number; watched: Awaited<ReturnType<typeof watchPage>>}> {
  const held: Route[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  const page = await context.newPage();
  const watched = await watchPage(page, server.url);
  // registered after watchPage's route, so it is asked first
  await page.route(/duckdb/, async (route: Route) => {
    held.push(route);
    await gate;
    await route.continue().catch(() => undefined);
  });
  await page.goto(`${server.url}${path}`);
  return {page, release: open, held: () => held.length, watched};
}

const kpiTexts = (page: Page) => page.$$eval("[data-kpi] .big", (nodes) => nodes.map((n) => n.textContent?.trim() ?? ""));

describe("the first view does not wait for the engine", () => {
  test.each(["/", "/platform", "/hotspot", "/publicity"])("%s: KPIs and charts draw while DuckDB-WASM is held back", async (path) => {
    const {page, release, held} = await withEngineHeld(path);
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 60_000});
    expect(await page.evaluate(() => document.documentElement.dataset.engine)).toBe("loading");
    await expect.poll(held, {timeout: 15_000}).toBeGreaterThan(0);
    const kpis = await kpiTexts(page);
    expect(kpis.length).toBeGreaterThan(0);
    // every KPI has its figure (案件热点's 所选单元 reads "—" until a cell is chosen)
    expect(kpis.filter((text) => /\d/.test(text)).length, `${path}: ${kpis.join(" | ")}`).toBeGreaterThanOrEqual(kpis.length - (path === "/hotspot" ? 1 : 0));
    // a chart is drawn once the browser reports its card's width (fitWidth), which can come after its cell displays
    await expect.poll(() => page.locator(".chart-card svg, .card svg").count(), {timeout: 10_000}).toBeGreaterThan(0);
    expect(await errorCells(page)).toEqual([]);
    release();
    await page.context().close();
  });

  test("a filter chosen before the engine is ready says 查询引擎加载中, then applies", async () => {
    const {page, release, watched} = await withEngineHeld("/platform?year=2024");
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 60_000});
    const before = await page.locator('[data-kpi="reports"] .big').textContent();
    const street = page.locator("#filters select").nth(1);
    await street.selectOption({index: 1});
    await expect.poll(() => page.locator(".engine-status").first().textContent()).toContain("查询引擎加载中");
    expect(await page.locator('[data-kpi="reports"] .big').textContent()).toBe(before);
    release();
    await settle(page, 60_000);
    await expect.poll(() => page.locator(".engine-status").first().textContent(), {timeout: 30_000}).toBe("");
    const after = Number((await page.locator('[data-kpi="reports"] .big').textContent())!.replace(/,/g, ""));
    expect(after).toBeLessThan(Number(before!.replace(/,/g, "")));
    expect(watched.pageErrors).toEqual([]);
    await page.context().close();
  });
});

describe("the build's figures are the engine's", () => {
  const snapshot = async (path: string) => {
    const page = await browser.newPage({viewport: {width: 1280, height: 800}});
    await page.goto(`${server.url}${path}`);
    await settle(page, 60_000);
    const figures = {kpis: await kpiTexts(page), tables: await page.$$eval(".chart-card table, .card table", (tables) => tables.map((t) => t.textContent?.replace(/\s+/g, " ").trim()))};
    await page.close();
    return figures;
  };

  test.each(["/?year=2024", "/platform?year=2024", "/platform", "/hotspot?year=2025", "/publicity?year=2024"])("%s: the same KPIs and tables with ?prerender=off", async (path) => {
    const prerendered = await snapshot(path);
    const computed = await snapshot(`${path}${path.includes("?") ? "&" : "?"}prerender=off`);
    expect(prerendered.kpis.length).toBeGreaterThan(0);
    expect(computed).toEqual(prerendered);
  });
});

describe("the first view's data is preloaded (scripts/preload.ts)", () => {
  test.each(["/", "/platform", "/hotspot"])("%s: each JSON of the first view is requested once, before the page's modules ask for it", async (path) => {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}});
    const page = await context.newPage();
    const json: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".json")) json.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}${path}`);
    await settle(page, 60_000);
    const preloaded = await page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    expect(preloaded.length).toBeGreaterThan(0);
    // a preload the page's own fetch cannot reuse (another CORS mode) would be fetched a second time
    expect(json.filter((p) => preloaded.includes(p)).sort()).toEqual([...preloaded].sort());
    expect(new Set(json).size).toBe(json.length);
    await context.close();
  });
});

describe("the engine's WebAssembly is prefetched (scripts/preload.ts)", () => {
  test("/ prefetches it while its modules load, and the engine's worker takes it from the cache: one download", async () => {
    const wasm: string[] = [];
    const count = (request: {url?: string}) => {
      if (/duckdb-eh\.wasm$/.test(new URL(request.url ?? "/", server.url).pathname)) wasm.push(request.url!);
    };
    server.server.prependListener("request", count);
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
    try {
      const page = await context.newPage();
      const fromPage: string[] = [];
      page.on("request", (request) => {
        if (/duckdb-eh\.wasm$/.test(request.url())) fromPage.push(request.url());
      });
      await page.goto(`${server.url}/`);
      expect(await page.locator('link[rel="prefetch"][href$="duckdb-eh.wasm"]').count()).toBe(1);
      await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", null, {timeout: 60_000, polling: 100});
      // the link's request, then the worker's, which the cache answers
      expect(fromPage.length).toBeGreaterThanOrEqual(1);
      expect(wasm).toHaveLength(1);
    } finally {
      server.server.removeListener("request", count);
      await context.close();
    }
  });
});

describe("the first paint comes from the build (scripts/first-paint.ts)", () => {
  /** The page as the browser paints it before any of its scripts has run: every module request is refused. */
  const beforeScripts = async (path: string): Promise<Page> => {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
    const page = await context.newPage();
    await page.route(/\.js(\?|$)/, (route) => route.abort());
    await page.goto(`${server.url}${path}`, {waitUntil: "load"});
    return page;
  };

  test.each(["/", "/platform", "/hotspot"])("%s: the KPIs and the first charts show with no script, the live view's figures replace them", async (path) => {
    const early = await beforeScripts(path);
    const painted = await kpiTexts(early);
    expect(painted.filter((text) => /\d/.test(text)).length, painted.join(" | ")).toBeGreaterThan(0);
    expect(await early.locator(".chart-card svg").first().isVisible()).toBe(true);
    // a snapshot cannot be used: its inputs are inert copies
    expect(await early.$$eval("select", (selects) => selects.every((s) => s.closest("[inert]") != null))).toBe(true);
    await early.context().close();

    const page = await browser.newPage({viewport: {width: 1280, height: 800}});
    await page.goto(`${server.url}${path}`);
    await settle(page, 60_000);
    expect(await page.locator("observablehq-loading").count()).toBe(0);
    // the snapshot holds what is above the fold; the live view has those figures first, then the rest
    expect((await kpiTexts(page)).slice(0, painted.length)).toEqual(painted);
    expect(await errorCells(page)).toEqual([]);
    await page.close();
  });

  test("a snapshot that the HTML parser would break apart is left out: block content in a paragraph", async () => {
    const page = await browser.newPage();
    const html = `<!doctype html><html><head></head><body>
<p>截至 <observablehq-loading data-first-paint inert><span>2025年</span></observablehq-loading><!--:aaaaaaaa:--> 的数据</p>
<p><observablehq-loading data-first-paint inert><span><h2>目标</h2><p>共 12 项</p></span></observablehq-loading><!--:bbbbbbbb:--></p>
<div class="grid"><observablehq-loading data-first-paint inert><div class="card"><h2>案卷</h2><p>1</p></div></observablehq-loading><!--:cccccccc-1:--></div>
</body></html>`;
    const snapshots = {aaaaaaaa: "<span>2025年</span>", bbbbbbbb: "<span><h2>目标</h2><p>共 12 项</p></span>", "cccccccc-1": '<div class="card"><h2>案卷</h2><p>1</p></div>'};
    expect((await intactSnapshots(page, html, snapshots)).sort()).toEqual(["aaaaaaaa", "cccccccc-1"]);
    await page.close();
  });

  test("every built page keeps each of its snapshots whole, just before its cell", async () => {
    const page = await browser.newPage();
    const dist = (await sharedSite()).dist;
    let snapshots = 0;
    for (const path of PAGES) {
      const html = readFileSync(pageFile(dist, path), "utf-8");
      const written = html.split(`<observablehq-loading ${FIRST_PAINT} inert>`).length - 1;
      snapshots += written;
      const kept = await page.evaluate(([markup, root]) => {
        const parsed = new DOMParser().parseFromString(markup, "text/html");
        return Array.from(parsed.querySelectorAll("observablehq-loading[data-first-paint]")).filter(
          (loading) => loading.nextSibling?.nodeType === Node.COMMENT_NODE && new RegExp(root).test((loading.nextSibling as Comment).data)
        ).length;
      }, [html, CELL_ROOT.source]);
      expect(kept, path).toBe(written);
    }
    expect(snapshots).toBeGreaterThan(PAGES.length);
    await page.close();
  });

  test("a page opened with a query string does not show the default view's snapshot", async () => {
    const page = await beforeScripts("/?year=2024");
    expect(await page.locator("[data-kpi]").count()).toBeGreaterThan(0);
    for (const kpi of await page.locator("[data-kpi]").all()) expect(await kpi.isVisible()).toBe(false);
    await page.context().close();
  });
});
