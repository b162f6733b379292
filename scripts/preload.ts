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
import {join} from "node:path";

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

/** Adds the preloads to a page's HTML, first in its head; a page that has them already is returned as it was. */
export function withDataPreloads(html: string): string {
  const links = dataPreloads(html).filter((link) => !html.includes(link));
  if (links.length === 0) return html;
  const head = html.indexOf("<head>");
  if (head < 0) return html;
  const at = head + "<head>".length;
  return `${html.slice(0, at)}\n${links.join("\n")}${html.slice(at)}`;
}

/** Rewrites every page under `dist` (before compression). Returns the number of pages changed. */
export async function addDataPreloads(dist: string): Promise<number> {
  let changed = 0;
  for (const entry of await readdir(dist, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const html = await readFile(file, "utf-8");
    const next = withDataPreloads(html);
    if (next !== html) {
      await writeFile(file, next);
      changed++;
    }
  }
  return changed;
}
