import {expect, test} from "vitest";
import {dataPreloads, withDataPreloads, withEnginePrefetch} from "../../scripts/preload.ts";

const page = `<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<link rel="modulepreload" href="./_observablehq/client.js">
</head><body><script type="module">
registerFile("./data/platform-views.json", {"name":"./data/platform-views.json","mimeType":"application/json","path":"./_file/data/platform-views.200fb7f6.json","lastModified":1,"size":479779});
registerFile("./data/bulletin.json", {"name":"./data/bulletin.json","mimeType":"application/json","path":"./_file/data/bulletin.1a2b3c4d.json","lastModified":1,"size":450897});
registerFile("./data/platform-cube.arrow", {"name":"./data/platform-cube.arrow","mimeType":null,"path":"./_file/data/platform-cube.5e6f7a8b.arrow","lastModified":1,"size":1});
</script></body></html>`;

test("a page preloads its first view's JSON in CORS mode, not the files it reads on demand or the engine's Arrow tables", () => {
  expect(dataPreloads(page)).toEqual(['<link rel="preload" as="fetch" crossorigin="anonymous" href="./_file/data/platform-views.200fb7f6.json">']);
  const html = withDataPreloads(page);
  expect(html.indexOf("platform-views.200fb7f6.json")).toBeLessThan(html.indexOf("modulepreload"));
  expect(withDataPreloads(html)).toBe(html);
  expect(withDataPreloads("<html><body>no data</body></html>")).toBe("<html><body>no data</body></html>");
});

const enginePage = (db: boolean) => `<!DOCTYPE html>
<html><head>
<link rel="preload" as="fetch" crossorigin="anonymous" href="./_file/data/meta.1a2b3c4d.json">
<link rel="modulepreload" href="./_observablehq/client.js">
${db ? '<link rel="modulepreload" href="./_import/components/db.7a699be4.js">' : ""}
</head><body></body></html>`;
const ENGINE = ["_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-browser-eh.worker.32845a78.js", "_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm"];

test("a page that opens the engine prefetches its WebAssembly and worker after the data preloads; other pages are left as they were", () => {
  const html = withEnginePrefetch(enginePage(true), "index.html", ENGINE);
  expect(html).toContain('<link rel="prefetch" href="./_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm">');
  expect(html.indexOf('rel="prefetch"')).toBeGreaterThan(html.indexOf("meta.1a2b3c4d.json"));
  expect(html.indexOf('rel="prefetch"')).toBeLessThan(html.indexOf("modulepreload"));
  expect(withEnginePrefetch(html, "index.html", ENGINE)).toBe(html);
  expect(withEnginePrefetch(enginePage(true), "reports/2024.html", ENGINE)).toContain('href="../_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm"');
  expect(withEnginePrefetch(enginePage(false), "report.html", ENGINE)).toBe(enginePage(false));
  expect(withEnginePrefetch(enginePage(true), "index.html", [])).toBe(enginePage(true));
});
