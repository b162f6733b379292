/**
 * After `observable build`: each page's HTML gets a `<link rel="preload" as="fetch" crossorigin>` for the JSON files
 * its first view reads (the build's prerendered views, the page's meta), at the top of its head. Framework fetches a
 * FileAttachment only once the page's modules have loaded and its cell runs, one round trip after them; preloaded,
 * the data arrives with the modules. Measured on the 2-core bench machine, localhost, `/`: the first data request
 * started 865 ms after navigation, 270 ms after DOMContentLoaded.
 *
 * A preload must match the page's own request to be reused: Framework's `fetch(url)` is a CORS-mode request with
 * same-origin credentials, which is what `crossorigin="anonymous"` asks for.
 */
import {readFile, readdir, writeFile} from "node:fs/promises";
import {join, relative, sep} from "node:path";

/**
 * Files a page reads only when asked (a button, a click), by their name under src/: not preloaded, so the first view
 * does not pay for them. test/e2e/documents.test.ts checks that the platform page does not fetch bulletin.json
 * before its button is clicked.
 */
export const ON_DEMAND = new Set(["./data/bulletin.json"]);

const REGISTERED = /registerFile\("([^"]+\.json)", \{[^}]*?"path":"([^"]+)"/g;

/** The `<link>` elements for the JSON files registered in a page's HTML, except those read on demand. */
export function dataPreloads(html: string): string[] {
  const links = new Set<string>();
  for (const [, name, path] of html.matchAll(REGISTERED)) {
    if (!ON_DEMAND.has(name)) links.add(`<link rel="preload" as="fetch" crossorigin="anonymous" href="${path}">`);
  }
  return [...links];
}

/**
 * `links` not already in `html`, put in its head: right after `<head>`, or after the head's last tag that begins
 * with `after` when it has one. A page without a head, or with every link already, is returned as it was.
 */
function withLinks(html: string, links: readonly string[], after?: string): string {
  const missing = links.filter((link) => !html.includes(link));
  const head = html.indexOf("<head>");
  if (missing.length === 0 || head < 0) return html;
  const last = after === undefined ? -1 : html.lastIndexOf(after, html.indexOf("</head>"));
  const at = last > head ? html.indexOf(">", last) + 1 : head + "<head>".length;
  return `${html.slice(0, at)}\n${missing.join("\n")}${html.slice(at)}`;
}

/** Adds the preloads to a page's HTML, first in its head; a page that has them already is returned as it was. */
export function withDataPreloads(html: string): string {
  return withLinks(html, dataPreloads(html));
}

/** Rewrites every page under `dist` with `rewrite(html, page)` (`page`: its path relative to `dist`). Returns the number of pages changed. */
async function rewritePages(dist: string, rewrite: (html: string, page: string) => string): Promise<number> {
  let changed = 0;
  for (const entry of await readdir(dist, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const html = await readFile(file, "utf-8");
    const next = rewrite(html, relative(dist, file).split(sep).join("/"));
    if (next !== html) {
      await writeFile(file, next);
      changed++;
    }
  }
  return changed;
}

/** Adds the data preloads to every page under `dist` (before compression). Returns the number of pages changed. */
export async function addDataPreloads(dist: string): Promise<number> {
  return rewritePages(dist, withDataPreloads);
}

/**
 * The query engine's two big downloads, the DuckDB-WASM module for browsers with WebAssembly exceptions (every browser
 * the README names) and its worker script, under `dist`: paths relative to `dist`, or none when the build has no
 * engine.
 */
export async function engineFiles(dist: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dist, {withFileTypes: true, recursive: true})) {
    if (entry.isFile() && /^(duckdb-eh\.wasm|duckdb-browser-eh\.worker\.[0-9a-f]+\.js)$/.test(entry.name)) found.push(relative(dist, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return found.sort();
}

/** A page that opens the query engine imports the project's db component (src/components/db.ts). */
const OPENS_ENGINE = /\/components\/db\.[0-9a-f]{8}\.js"/;

/**
 * Adds `<link rel="prefetch">` for the engine's files (`files`, relative to the site's root; `page` is the page's
 * path relative to it) to a page that opens the engine, after the data preloads. The engine starts once the page's
 * first view is drawn; its 5.6 MB of compressed WebAssembly then took 3.6 s at 20 Mbit/s before it could compile
 * (`/`, default sample, 2026-12-02). Prefetched, the bytes come while the page's modules load, at the lowest
 * priority, and the engine's worker finds them in the HTTP cache (the server marks `_npm/` immutable). A page that
 * does not open the engine, or has the links already, is returned as it was.
 */
export function withEnginePrefetch(html: string, page: string, files: readonly string[]): string {
  if (!OPENS_ENGINE.test(html)) return html;
  const up = "../".repeat(page.split("/").length - 1) || "./";
  return withLinks(html, files.map((file) => `<link rel="prefetch" href="${up}${file}">`), '<link rel="preload" as="fetch"');
}

/** Adds the engine's prefetches to every page under `dist` that opens the engine. Returns the number of pages changed. */
export async function addEnginePrefetch(dist: string): Promise<number> {
  const files = await engineFiles(dist);
  return rewritePages(dist, (html, page) => withEnginePrefetch(html, page, files));
}
