/**
 * The project's server (scripts/serve.ts) on a real Framework build of the fixture site (test/fixtures/site), built
 * through scripts/build.ts so it is precompressed: encodings, cache headers, and a rebuild while it serves (the
 * monthly `npm run build` under a running `npm start`), whose new hashed files must be served at once.
 */
import {spawn} from "node:child_process";
import {cpSync, readFileSync, readdirSync, statSync, writeFileSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {join, relative, resolve} from "node:path";
import {brotliDecompressSync, gunzipSync} from "node:zlib";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {buildSite, checkPage, launchBrowser, problems} from "../../scripts/browser.ts";
import {cacheControl, serveStatic, type StaticServer} from "../../scripts/serve.ts";
import {get} from "./http.ts";

const fixture = "test/fixtures/site";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

/** The hashed URL of the fixture's CSV attachment, as a page links it. */
const csvUrl = (html: string) => html.match(/_file\/data\/streets\.[0-9a-f]+\.csv/)?.[0];

let work: string;
let dist: string;
let config: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  // under the project, so the fixture's data loader finds node_modules; the output is inside the working directory,
  // so Framework clears it on each build, as it clears dist/
  work = await mkdtemp(resolve(".e2e-site-serve-"));
  cpSync(join(fixture, "src"), join(work, "src"), {recursive: true, filter: (p) => !p.includes(".observablehq")});
  const base = (await import(resolve(fixture, "observablehq.config.js"))).default as Record<string, unknown>;
  dist = join(work, "dist");
  config = join(work, "observablehq.config.js");
  writeFileSync(config, `export default ${JSON.stringify({...base, root: relative(process.cwd(), join(work, "src")), output: relative(process.cwd(), dist)})};\n`);
  await buildSite(config);
  server = await serveStatic(dist);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, {recursive: true, force: true});
});

describe("scripts/serve.ts", () => {
  test("sends the precompressed variant the request accepts, with Vary, and the file itself otherwise", async () => {
    const html = readFileSync(join(dist, "csv.html"));
    const br = await get(`${server.url}/csv`, {"Accept-Encoding": "gzip, deflate, br"});
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe("text/html;charset=utf-8");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(br.body).equals(html)).toBe(true);

    const gz = await get(`${server.url}/csv`, {"Accept-Encoding": "gzip"});
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(html)).toBe(true);

    const plain = await get(`${server.url}/csv`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(html)).toBe(true);
  });

  test("wasm is application/wasm and compressed; hashed files are immutable, pages and the rest revalidate", async () => {
    const wasm = files(dist).find((f) => f.endsWith("duckdb-eh.wasm"))!;
    const wasmPath = `/${relative(dist, wasm)}`;
    const response = await get(`${server.url}${wasmPath}`, {"Accept-Encoding": "gzip, br"});
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/wasm");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.body.length).toBe(statSync(`${wasm}.br`).size);
    expect(response.body.length).toBeLessThan(statSync(wasm).size / 4);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");

    const client = files(dist).find((f) => /_observablehq\/client\.[0-9a-f]{8}\.js$/.test(f))!;
    expect((await get(`${server.url}/${relative(dist, client)}`)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const page of ["/", "/csv", "/index.html"]) {
      expect((await get(`${server.url}${page}`)).headers["cache-control"], page).toBe("no-cache");
    }
    expect(cacheControl("/robots.txt")).toBe("no-cache");
    expect((await get(`${server.url}/_file/data/absent.0000.csv`)).status).toBe(404);
  });

  test("a rebuild while it serves: the new page and its new hashed files are served, with no restart", async () => {
    const before = await get(`${server.url}/csv`);
    const oldCsv = csvUrl(before.body.toString())!;
    expect(oldCsv).toBeTruthy();
    expect((await get(`${server.url}/${oldCsv}`)).status).toBe(200);
    expect((await checkPage(browser, server.url, "/csv")).errorCells).toEqual([]);

    const csv = join(work, "src/data/streets.csv");
    writeFileSync(csv, `${readFileSync(csv, "utf-8").trimEnd()}\n新区街道,9\n`);
    const page = join(work, "src/csv.md");
    writeFileSync(page, `${readFileSync(page, "utf-8")}\n<p id="rebuilt">本月已更新</p>\n`);
    // throughout the build the server answers from the old site or the new one, compressed: Framework empties its
    // output first, which left it answering 404 for some two minutes of a monthly build (2026-12-03)
    const answers: string[] = [];
    let building = true;
    const polling = (async () => {
      while (building) {
        for (const path of ["/csv", `/${oldCsv}`.replace(/^\/+/, "/")]) {
          const r = await get(`${server.url}${path}`, {"Accept-Encoding": "br"});
          answers.push(`${path} ${r.status} ${r.headers["content-encoding"] ?? "identity"}`);
        }
        await new Promise((done) => setTimeout(done, 50));
      }
    })();
    await buildSite(config).finally(() => (building = false));
    await polling;
    expect(answers.length).toBeGreaterThan(20);
    // the old hashed file is gone once the new site is in place, and only then
    const firstGone = answers.findIndex((a) => a.startsWith(`/${oldCsv} 404`));
    const expected = (a: string, i: number) =>
      a === "/csv 200 br" || a === `/${oldCsv} 200 identity` || (firstGone >= 0 && i >= firstGone && a === `/${oldCsv} 404 identity`);
    expect(answers.filter((a, i) => !expected(a, i))).toEqual([]);
    expect(readdirSync(work).filter((name) => /^dist\.(building|old-)/.test(name))).toEqual([]);

    const after = await get(`${server.url}/csv`, {"Accept-Encoding": "br"});
    const html = brotliDecompressSync(after.body).toString();
    expect(html).toContain("本月已更新");
    const newCsv = csvUrl(html)!;
    expect(newCsv).not.toBe(oldCsv);
    const data = await get(`${server.url}/${newCsv}`);
    expect(data.status).toBe(200);
    expect(data.body.toString()).toContain("新区街道,9");
    expect((await get(`${server.url}/${oldCsv}`)).status).toBe(404);

    const report = await checkPage(browser, server.url, "/csv");
    expect(problems(report)).toEqual([]);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${server.url}/csv`);
    await expect.poll(() => tab.locator("#csv-result").textContent()).toBe("3");
    expect(await tab.locator("#rebuilt").textContent()).toBe("本月已更新");
    await context.close();
  }, 600_000);

  test("PORT and HOST choose where `npm run serve` listens", async () => {
    const probe = await serveStatic(dist, {port: 0});
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", dist], {env: {...process.env, PORT: String(port), HOST: "127.0.0.1"}, stdio: "ignore"});
    try {
      await expect.poll(async () => (await get(`http://127.0.0.1:${port}/`).catch(() => ({status: 0}))).status, {timeout: 60_000, interval: 250}).toBe(200);
    } finally {
      process.kill(child.pid!, "SIGTERM");
    }
  }, 120_000);
});
