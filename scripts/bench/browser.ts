/** Browser figures of the platform-cases page: first chart, filter latency, heap. */
import type {Browser, Page} from "playwright-core";
import {drawnByScript} from "../first-paint.ts";

export interface BrowserFigures {
  firstChartMs: number;
  firstInteractiveChartMs: number;
  allChartsMs: number;
  filterMs: number[];
  heapMB: number;
}

/**
 * In-page code, kept as text: tsx would otherwise wrap the function's inner arrows in a
 * helper (`__name`) that does not exist in the page.
 */
const CHANGE_FILTER = `async function (i) {
  const selects = Array.from(document.querySelectorAll("#filters select")).slice(1);
  const select = selects[i % selects.length];
  const option = 1 + ((Math.floor(i / selects.length) * 3 + i) % (select.options.length - 1));
  const cards = () => Array.from(document.querySelectorAll(".chart-card"));
  const before = new Set(cards());
  const charted = before.size && Array.from(before).filter((card) => card.querySelector("svg")).length;
  const started = performance.now();
  select.selectedIndex = select.selectedIndex === option ? 0 : option;
  select.dispatchEvent(new Event("input", {bubbles: true}));
  await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("charts were not redrawn within 30 s")), 30000);
    const check = () => {
      const now = cards();
      const redrawn = now.length >= before.size && now.every((card) => !before.has(card)) && now.filter((card) => card.querySelector("svg")).length >= charted;
      if (redrawn) {
        clearTimeout(timeout);
        resolve();
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  return performance.now() - started;
}`;


/**
 * In-page code run before a page's own scripts: notes when `selector` first matches (a MutationObserver, called in the
 * same task as the insertion) and the long animation frames (Long Animation Frames API), so that {@link firstDrawnAt}
 * can tell when the frame that drew it ended. Timing in the page, rather than when the harness next polls it, leaves
 * out the harness's delay: its poll waits for the page's main thread, which after the first paint goes on to start
 * the query engine (measured 2026-12-02 on /hotspot: the frame that drew the map ended some 300 ms before
 * Playwright's waitForSelector returned).
 */
const WATCH_FIRST_DRAW = `(selector) => {
  const state = {inserted: null, frameAfter: null, frames: [], loaf: null};
  (window.__firstDraw ??= {})[selector] = state;
  try {
    state.loaf = new PerformanceObserver((list) => state.frames.push(...list.getEntries().map((e) => [e.startTime, e.startTime + e.duration])));
    state.loaf.observe({type: "long-animation-frame", buffered: true});
  } catch {}
  const observer = new MutationObserver(() => {
    if (state.inserted !== null || !document.querySelector(selector)) return;
    state.inserted = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => (state.frameAfter = performance.now())));
  });
  observer.observe(document, {childList: true, subtree: true});
}`;

/** Starts watching for the first `selector` on the page's next navigation (see {@link firstDrawnAt}); call once per selector. */
export async function watchFirstDraw(page: Page, selector: string): Promise<void> {
  await page.addInitScript(`(${WATCH_FIRST_DRAW})(${JSON.stringify(selector)})`);
}

/**
 * Milliseconds from navigation start to the end of the animation frame that first drew `selector` (watched with
 * {@link watchFirstDraw}): the end of the long animation frame in which it was inserted, or, when that frame took
 * under 50 ms and so is not reported, the start of the frame after the next one (an upper bound); never before the
 * first contentful paint (an element the parser inserts, such as a build-time snapshot, shows no earlier).
 */
export async function firstDrawnAt(page: Page, selector: string, timeout = 120_000): Promise<number> {
  // the page's own observer times the draw; the harness only asks now and then whether it has, since a query of the
  // page on every frame (Playwright's waitForSelector) took some 75 ms of the main thread while 案件热点 loaded
  await page.waitForFunction((s) => (window as unknown as {__firstDraw: Record<string, {frameAfter: number | null}>}).__firstDraw[s].frameAfter !== null, selector, {timeout, polling: 100});
  return page.evaluate(`((selector) => {
    const state = window.__firstDraw[selector];
    if (state.loaf) state.frames.push(...state.loaf.takeRecords().map((e) => [e.startTime, e.startTime + e.duration]));
    const frame = state.frames.find(([start, end]) => start <= state.inserted && state.inserted <= end);
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    return Math.max(frame ? frame[1] : state.frameAfter, fcp);
  })(${JSON.stringify(selector)})`);
}

/**
 * Navigation start to the first chart drawn; then `changes` filter changes (street, major
 * category and source in turn), each timed in the page from the input event to every chart
 * card of the page replaced, and as many of them holding a chart as before.
 */
export async function measurePlatformPage(browser: Browser, origin: string, {changes = 24, path = "/platform"} = {}): Promise<BrowserFigures> {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  const page = await context.newPage();
  try {
    await watchFirstDraw(page, ".chart-card svg");
    await watchFirstDraw(page, drawnByScript(".chart-card svg"));
    await page.goto(`${origin}${path}`, {waitUntil: "commit"});
    const firstChartMs = await firstDrawnAt(page, ".chart-card svg");
    const firstInteractiveChartMs = await firstDrawnAt(page, drawnByScript(".chart-card svg"));
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 120_000, polling: 50});
    const allChartsMs = await page.evaluate(() => performance.now());
    // filter changes are timed on the engine, which loads after the first paint (src/components/engine.ts)
    await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", null, {timeout: 120_000, polling: 50});
    const filterMs: number[] = [];
    for (let i = 0; i < changes; i++) {
      filterMs.push(await page.evaluate(`(${CHANGE_FILTER})(${i})`));
    }
    const heapMB = await page.evaluate(() => ((performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? NaN) / 2 ** 20);
    return {firstChartMs, firstInteractiveChartMs, allChartsMs, filterMs, heapMB};
  } finally {
    await context.close();
  }
}
