/** Browser figures of the platform-cases page: first chart, filter latency, heap. */
import type {Browser} from "playwright-core";

export interface BrowserFigures {
  firstChartMs: number;
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
 * Navigation start to the first chart drawn; then `changes` filter changes (street, major
 * category and source in turn), each timed in the page from the input event to every chart
 * card of the page replaced, and as many of them holding a chart as before.
 */
export async function measurePlatformPage(browser: Browser, origin: string, {changes = 24, path = "/platform"} = {}): Promise<BrowserFigures> {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  const page = await context.newPage();
  try {
    await page.goto(`${origin}${path}`, {waitUntil: "commit"});
    await page.waitForSelector(".chart-card svg", {timeout: 120_000});
    const firstChartMs = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 120_000, polling: 50});
    const allChartsMs = await page.evaluate(() => performance.now());
    // filter changes are timed on the engine, which loads after the first paint (src/components/engine.ts)
    await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", null, {timeout: 120_000, polling: 50});
    const filterMs: number[] = [];
    for (let i = 0; i < changes; i++) {
      filterMs.push(await page.evaluate(`(${CHANGE_FILTER})(${i})`));
    }
    const heapMB = await page.evaluate(() => ((performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? NaN) / 2 ** 20);
    return {firstChartMs, allChartsMs, filterMs, heapMB};
  } finally {
    await context.close();
  }
}
