import {expect, test} from "vitest";
import {dataPreloads, withDataPreloads} from "../../scripts/preload.ts";

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
