/** Figures of the 案件热点 page: the bytes its map needs, the first map drawn, and the map redrawn after a filter change. */
import {readdir, stat} from "node:fs/promises";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {drawnByScript} from "../first-paint.ts";
import {firstDrawnAt, watchFirstDraw} from "./browser.ts";
import {median, percentile} from "./stats.ts";

/**
 * In-page code, kept as text (see browser.ts): one change of the street, category or source filter in turn, timed from
 * the input event to the map replaced by a new one (with its cells, or its note that the filters leave none).
 */
const CHANGE_FILTER = `async function (i) {
  const selects = Array.from(document.querySelectorAll("#filters select")).slice(1, 4);
  const select = selects[i % selects.length];
  const option = 1 + ((Math.floor(i / selects.length) * 3 + i) % (select.options.length - 1));
  const map = () => document.querySelector('.chart-card [data-hotspot-map="count"]');
  const before = map();
  const started = performance.now();
  select.selectedIndex = select.selectedIndex === option ? 0 : option;
  select.dispatchEvent(new Event("input", {bubbles: true}));
  await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("the map was not redrawn within 30 s")), 30000);
    const check = () => {
      const now = map();
      if (now && now !== before) {
        clearTimeout(timeout);
        resolve();
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  return performance.now() - started;
}`;

export interface HotspotFigures {
  hotspotMapDataBytes: number;
  hotspotCaseListBytes: number;
  hotspotCasePartMaxBytes: number;
  hotspotCaseParts: number;
  hotspotGridBytes: number;
  hotspotMapDrawMs: number;
  hotspotMapInteractiveMs: number;
  hotspotFilterP50Ms: number;
  hotspotFilterP95Ms: number;
  hotspotFilterChanges: number;
  hotspotFilterError: string | null;
}

/** What each figure measured, for the bench JSON's `measured`. */
export function hotspotMeasured(repeat: number, changes: number): Record<keyof HotspotFigures, string> {
  return {
    hotspotMapDataBytes: "files the 案件热点 map needs to draw: data/hotspot/cells.arrow (cases by H3 cell, month and the filter dimensions) and data/hotspot/meta.json (cell names, street labels, settings); the target at 10^6 is at most 3 MB",
    hotspotCaseListBytes: "data/hotspot/cases/*.arrow, the anonymized case list with each case's cell, a file for each part of the map (the H3 cell two resolutions coarser than the map's), all parts together",
    hotspotCasePartMaxBytes: "the largest part's file: the most a click on a cell fetches",
    hotspotCaseParts: "number of part files",
    hotspotGridBytes: "data/hotspot/grids.arrow, cases by 单元网格 code for the top-grid table",
    hotspotMapDrawMs: `navigation start to the end of the animation frame that drew the first cell of the map of /hotspot, timed in the page (scripts/bench/browser.ts firstDrawnAt): the build's snapshot of the default view when the page has one (scripts/first-paint.ts), median of ${repeat} page loads (target at most 800 ms on localhost)`,
    hotspotMapInteractiveMs: "the same, to the first cell of the map drawn by the page's script, which answers clicks and filters",
    hotspotFilterP50Ms: `${changes} changes of one filter per page load (street, category, source in turn), each from the input event to the map card replaced with its cells drawn; 50th percentile (target at most 100 ms)`,
    hotspotFilterP95Ms: "the same, 95th percentile",
    hotspotFilterChanges: "number of timed filter changes",
    hotspotFilterError: "why the filter changes stopped early, if they did (null when all were timed)"
  };
}

async function sizeOf(dir: string, pattern: RegExp): Promise<number> {
  return (await sizesOf(dir, pattern)).reduce((sum, size) => sum + size, 0);
}

async function sizesOf(dir: string, pattern: RegExp): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(names.filter((name) => pattern.test(name)).map(async (name) => (await stat(join(dir, name))).size));
}

export async function measureHotspot(browser: Browser, origin: string, dist: string, {repeat = 1, changes = 24} = {}): Promise<HotspotFigures> {
  const data = join(dist, "_file", "data", "hotspot");
  const parts = join(dist, "data", "hotspot", "cases");
  const draws: number[] = [];
  const interactive: number[] = [];
  const cell = "g.hotspot-cells path";
  const filterMs: number[] = [];
  let filterError: string | null = null;
  for (let r = 0; r < repeat; r++) {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
    const page = await context.newPage();
    try {
      await watchFirstDraw(page, cell);
      await watchFirstDraw(page, drawnByScript(cell));
      await page.goto(`${origin}/hotspot`, {waitUntil: "commit"});
      draws.push(await firstDrawnAt(page, cell));
      interactive.push(await firstDrawnAt(page, drawnByScript(cell)));
      await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 120_000, polling: 50});
      // filter changes are timed on the engine, which loads after the first paint (src/components/engine.ts)
      await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", null, {timeout: 120_000, polling: 50});
      try {
        for (let i = 0; i < changes; i++) filterMs.push(await page.evaluate(`(${CHANGE_FILTER})(${i})`));
      } catch (error) {
        // kept in the JSON rather than losing the run's other figures; the page's error cells say why
        const cells = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => (n.textContent ?? "").trim().slice(0, 200)));
        filterError = `${(error as Error).message.split("\n")[0]}${cells.length ? `; error cells: ${cells.slice(0, 3).join(" | ")}` : ""}`;
      }
    } finally {
      await context.close();
    }
  }
  const partSizes = await sizesOf(parts, /^[0-9a-f]{15}\.arrow$/);
  return {
    hotspotMapDataBytes: (await sizeOf(data, /^cells\.[0-9a-f]+\.arrow$/)) + (await sizeOf(data, /^meta\.[0-9a-f]+\.json$/)),
    hotspotCaseListBytes: partSizes.reduce((sum, size) => sum + size, 0),
    hotspotCasePartMaxBytes: Math.max(0, ...partSizes),
    hotspotCaseParts: partSizes.length,
    hotspotGridBytes: await sizeOf(data, /^grids\.[0-9a-f]+\.arrow$/),
    hotspotMapDrawMs: median(draws),
    hotspotMapInteractiveMs: median(interactive),
    hotspotFilterP50Ms: percentile(filterMs, 0.5),
    hotspotFilterP95Ms: percentile(filterMs, 0.95),
    hotspotFilterChanges: filterMs.length,
    hotspotFilterError: filterError
  };
}
