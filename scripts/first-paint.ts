/**
 * First paint from the build: after `observable build` (and before compression), every page is loaded once in
 * headless Chromium at 1280 px, and what each of its cells displayed for the default view is written into the page's
 * HTML, inside that cell's `<observablehq-loading>` placeholder. The browser paints those figures and charts as soon
 * as the HTML arrives; Framework removes a placeholder, snapshot and all, when its cell first displays (its
 * `findLoading`/`clear` in client/main.js), so the live, interactive view takes its place with the same figures.
 * This is server-side rendering the way Evidence does it, with the page's own code: nothing is drawn twice in source.
 *
 * Why: at 20 Mbit/s and 40 ms the overview's first KPI waited ~1.2 s for Framework's runtime, the page's modules and
 * its JSON on the 2-core bench machine (docs/bench/2026-12-02-rows-1e6.json), and 案件热点's map ~1.5 s on
 * localhost, most of it script and layout rather than bytes.
 *
 * Rules:
 * - A snapshot is the default view only. A page opened with a query string (`?year=2023`, `?prerender=off`) hides
 *   them all before the first paint (an inline script in the head sets `first-paint-off` on <html>), so it never
 *   shows figures for a view other than the one asked for; its cells show Framework's loading sign as before.
 * - A snapshot is `inert`: its copies of inputs cannot be used before the live ones replace them.
 * - Text nodes are wrapped in `<span>`, so that CSS can hide a snapshot wholly. Tooltips (`<title>`), tab stops and
 *   path precision below 0.1 px are left out: the snapshot is for the eye, and its HTML is parsed before the first
 *   paint.
 * - No Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium) means no snapshots and a message; the site works as
 *   before, its first figures drawn by script.
 */
import {access, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {FIRST_PAINT, FIRST_PAINT_OFF} from "../src/components/first-paint.ts";
import {CHROMIUM, launchBrowser, serve, settle, watchPage} from "./browser.ts";

/**
 * The id in the comment that roots a cell in Framework's HTML (`<!--:1a2b3c4d:-->`, `<!--:1a2b3c4d-1:-->` for the
 * second of a cell's inline expressions), as regular-expression source for here and for the scripts run in the page.
 */
const CELL_ID = String.raw`[0-9a-f]{8}(?:-\d+)?`;

/** The data of a cell's root comment (`:id:`), with the id as group 1. */
export const CELL_ROOT = new RegExp(`^:(${CELL_ID}):$`);

export {FIRST_PAINT};

/** `selector`, limited to what the page's script drew (not inside a snapshot); `selector` must be a single compound. */
export function drawnByScript(selector: string): string {
  return `${selector}:not(observablehq-loading[${FIRST_PAINT}] *)`;
}

const HEAD = `<script>if(location.search)document.documentElement.classList.add("${FIRST_PAINT_OFF}")</script>
<style>
html:not(.${FIRST_PAINT_OFF}) observablehq-loading[${FIRST_PAINT}]{display:contents;font:inherit;color:inherit;animation:none}
html:not(.${FIRST_PAINT_OFF}) observablehq-loading[${FIRST_PAINT}]::before{content:none}
html.${FIRST_PAINT_OFF} observablehq-loading[${FIRST_PAINT}]>*{display:none}
.grid>observablehq-loading[${FIRST_PAINT}]>.card{margin:0}
</style>`;

/**
 * Cells that start lower than this on the 1280 px page are not snapshotted: they are not seen before the live view
 * replaces them, and their HTML cost the first screen's paint (案件热点's month-comparison map and trend: 0.3 MB of
 * its 0.4 MB). 1,100 px covers the first screen of the 1920×1080 big screen.
 */
const FOLD_PX = 1100;

/** The nodes each cell displayed, by cell id, as HTML. */
export type CellSnapshots = Record<string, string>;

// Both run in the page, so they are plain JavaScript: tsx would add helpers to functions passed from here.

/**
 * Records, from before the page parses, which cell root (Framework's `<!--:id:-->` comment) each inserted node was
 * inserted before: Framework displays a cell's nodes by inserting each before its root.
 */
const RECORD_DISPLAYS = `(() => {
  const owner = new WeakMap();
  window.__displayedBy = owner;
  const root = ${CELL_ROOT};
  new MutationObserver((records) => {
    for (const record of records) {
      const next = record.nextSibling;
      if (!next || next.nodeType !== Node.COMMENT_NODE || !root.test(next.data)) continue;
      for (const node of record.addedNodes) owner.set(node, next.data.slice(1, -1));
    }
  }).observe(document, {childList: true, subtree: true});
})()`;

/**
 * Each cell's displayed nodes (the run of nodes just before its root that were inserted there) as HTML, with the
 * state of its inputs written into their attributes and text nodes wrapped in spans; cells below `fold` (px from
 * the top of the page) are left out.
 */
const COLLECT_DISPLAYS = `((fold) => {
  const owner = window.__displayedBy;
  const top = (node) => {
    const range = document.createRange();
    range.selectNode(node);
    const rect = range.getBoundingClientRect();
    return rect.width || rect.height ? rect.top + scrollY : Infinity;
  };
  const out = {};
  const root = ${CELL_ROOT};
  const withFormState = (node) => {
    const copy = node.cloneNode(true);
    const copies = copy.querySelectorAll("select, input, textarea");
    node.querySelectorAll("select, input, textarea").forEach((original, i) => {
      const target = copies[i];
      if (original instanceof HTMLSelectElement) {
        Array.from(original.options).forEach((option, j) => target.options[j]?.toggleAttribute("selected", option.selected));
      } else if (original instanceof HTMLTextAreaElement) {
        target.textContent = original.value;
      } else if (original.type === "checkbox" || original.type === "radio") {
        target.toggleAttribute("checked", original.checked);
      } else {
        target.setAttribute("value", original.value);
      }
    });
    // what only the live view uses (tooltips, keyboard focus) is left out, and SVG geometry is kept to 0.1 px:
    // on 案件热点 that is a third of the snapshot of the map's 662 cells
    for (const title of copy.querySelectorAll("svg title")) title.remove();
    for (const focusable of copy.querySelectorAll("[tabindex]")) focusable.removeAttribute("tabindex");
    const drawn = [...(copy.matches?.("svg") ? [copy] : []), ...copy.querySelectorAll("svg, svg *")];
    for (const element of drawn) {
      for (const attribute of Array.from(element.attributes)) {
        if (/^(class|id|href|xlink:href|aria-.*|data-.*)$/.test(attribute.name) || !/\\d\\.\\d\\d/.test(attribute.value)) continue;
        element.setAttribute(attribute.name, attribute.value.replace(/(\\d\\.\\d)\\d+/g, "$1"));
      }
    }
    return copy;
  };
  const iterator = document.createNodeIterator(document.body, NodeFilter.SHOW_COMMENT);
  let comment;
  while ((comment = iterator.nextNode())) {
    if (!root.test(comment.data)) continue;
    const id = comment.data.slice(1, -1);
    const nodes = [];
    for (let node = comment.previousSibling; node && owner.get(node) === id; node = node.previousSibling) nodes.unshift(node);
    if (Math.min(...nodes.map(top)) > fold) continue;
    const html = nodes.map((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const span = document.createElement("span");
        span.textContent = node.textContent;
        return span.outerHTML;
      }
      return node.nodeType === Node.ELEMENT_NODE ? withFormState(node).outerHTML : "";
    }).join("");
    if (html.trim()) out[id] = html;
  }
  return out;
})`;

/**
 * The ids of the snapshots that an HTML parser keeps whole and in place in `html` (a page after `withFirstPaint`):
 * the placeholder is still just before its root comment and holds as many elements as the snapshot does on its
 * own. A snapshot of block content inside a `<p>` (an inline `\${…}` in a paragraph of Markdown) is not: the parser
 * closes the paragraph, the snapshot's blocks land outside the placeholder, and Framework could neither find nor
 * remove them.
 */
const DEFINE_INTACT_SNAPSHOTS = `window.__intactSnapshots = ([html, snapshots]) => {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const root = ${CELL_ROOT};
  const elements = (markup) => {
    const alone = document.createElement("template");
    alone.innerHTML = markup;
    return alone.content.querySelectorAll("*").length;
  };
  const intact = [];
  for (const loading of parsed.querySelectorAll("observablehq-loading[${FIRST_PAINT}]")) {
    const next = loading.nextSibling;
    const match = next && next.nodeType === Node.COMMENT_NODE ? root.exec(next.data) : null;
    if (match && match[1] in snapshots && loading.querySelectorAll("*").length === elements(snapshots[match[1]])) intact.push(match[1]);
  }
  return intact;
}`;

/** The ids of `snapshots` that `page`'s HTML parser keeps whole and in place in `html` (see DEFINE_INTACT_SNAPSHOTS). */
export async function intactSnapshots(page: Page, html: string, snapshots: CellSnapshots): Promise<string[]> {
  await page.evaluate(DEFINE_INTACT_SNAPSHOTS);
  return page.evaluate((arg) => (window as unknown as {__intactSnapshots: (a: unknown) => string[]}).__intactSnapshots(arg), [html, snapshots]);
}

/** Loads `path` and returns what its cells displayed once the page has settled. Throws on a page error. */
export async function snapshotPage(page: Page, origin: string, path: string): Promise<CellSnapshots> {
  const watched = await watchPage(page, origin);
  await page.addInitScript(RECORD_DISPLAYS);
  await page.goto(`${origin}${path}`);
  await settle(page, 120_000);
  const problems = [...watched.pageErrors, ...watched.outsideRequests.map((url) => `outside request ${url}`)];
  if (problems.length > 0) throw new Error(`${path}: ${problems.join("; ")}`);
  return page.evaluate(`${COLLECT_DISPLAYS}(${FOLD_PX})`) as Promise<CellSnapshots>;
}

/**
 * Puts the snapshots into a page's HTML: each cell's placeholder (`<observablehq-loading></observablehq-loading>`
 * before its root comment, or none) becomes `<observablehq-loading data-first-paint inert>…</observablehq-loading>`,
 * and the head gets the script and style that show or hide them. A page already done is returned as it was.
 */
export function withFirstPaint(html: string, snapshots: CellSnapshots): string {
  if (html.includes(`${FIRST_PAINT}`) || Object.keys(snapshots).length === 0) return html;
  let out = html.replace(new RegExp(`(<observablehq-loading></observablehq-loading>)?<!--:(${CELL_ID}):-->`, "g"), (whole, _loading, id: string) =>
    Object.hasOwn(snapshots, id) ? `<observablehq-loading ${FIRST_PAINT} inert>${snapshots[id]}</observablehq-loading><!--:${id}:-->` : whole
  );
  const head = out.indexOf("<head>");
  if (head >= 0) out = `${out.slice(0, head + 6)}\n${HEAD}${out.slice(head + 6)}`;
  return out;
}

/** The HTML file of a page path under dist (`/` → index.html, `/platform` → platform.html). */
export function pageFile(dist: string, path: string): string {
  return join(dist, path === "/" ? "index.html" : `${path.replace(/^\//, "")}.html`);
}

/**
 * Pages snapshotted at once. On the 2-core machine, the eleven pages of a 10^6 build took 36.5 and 35.2 s one at a
 * time and 28.4 and 27.5 s two at a time (2026-12-03, scripts/first-paint.ts on one built site, alternating). A
 * snapshot is of the page settled, so the order of the pages does not change what is drawn.
 */
export const FIRST_PAINT_PAGES = 2;

export interface FirstPaintSummary {
  pages: number;
  cells: number;
  /** Snapshots left out because the page's HTML would not keep them whole where they stand (see DEFINE_INTACT_SNAPSHOTS). */
  dropped: number;
  /** Bytes added to the pages' HTML, before compression. */
  bytes: number;
  ms: number;
  /** Why nothing was done (no Chromium), or a page that failed; the other pages keep their snapshots. */
  skipped: string[];
}

/**
 * Writes the snapshots of `paths` into the built site in `dist`, `concurrency` pages at a time. Never throws for a
 * page: a page that fails to load keeps its HTML as built and is named in `skipped`.
 */
export async function addFirstPaint(dist: string, paths: string[], {concurrency = FIRST_PAINT_PAGES} = {}): Promise<FirstPaintSummary> {
  const started = performance.now();
  const summary: FirstPaintSummary = {pages: 0, cells: 0, dropped: 0, bytes: 0, ms: 0, skipped: []};
  try {
    await access(CHROMIUM);
  } catch {
    summary.skipped.push(`未找到 Chromium（${CHROMIUM}），页面首屏不预先绘制`);
    return summary;
  }
  const server = await serve(dist);
  const browser = await launchBrowser();
  try {
    const queue = [...paths];
    const snapshotNext = async (): Promise<void> => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
        try {
          const page = await context.newPage();
          const snapshots = await snapshotPage(page, server.url, path);
          const file = pageFile(dist, path);
          const html = await readFile(file, "utf-8");
          const intact = await intactSnapshots(page, withFirstPaint(html, snapshots), snapshots);
          const kept = Object.fromEntries(intact.map((id) => [id, snapshots[id]]));
          summary.dropped += Object.keys(snapshots).length - intact.length;
          const next = withFirstPaint(html, kept);
          if (next !== html) {
            await writeFile(file, next);
            summary.pages++;
            summary.cells += intact.length;
            summary.bytes += Buffer.byteLength(next) - Buffer.byteLength(html);
          }
        } catch (error) {
          summary.skipped.push(`${path}：${(error as Error).message.split("\n")[0]}`);
        } finally {
          await context.close();
        }
      }
    };
    await Promise.all(Array.from({length: Math.min(concurrency, paths.length)}, snapshotNext));
  } finally {
    await browser.close();
    await server.close();
  }
  summary.ms = performance.now() - started;
  return summary;
}

/** One line for the build's log. */
export function firstPaintLine(s: FirstPaintSummary): string {
  const done = `首屏预绘: ${s.pages} 个页面、${s.cells} 个单元${s.dropped ? `（另有 ${s.dropped} 个单元在段落之内，无法原样放入，不预绘）` : ""}，HTML 增加 ${(s.bytes / 1024).toFixed(0)} KB（用时 ${(s.ms / 1000).toFixed(1)} 秒）`;
  return s.skipped.length ? `${done}；未预绘：${s.skipped.join("；")}` : done;
}
