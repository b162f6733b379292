/**
 * The deploy kit (deploy/) in Debian's nginx: the shared sample site (test/e2e/site.ts) is served by an nginx started
 * here as a child process on 127.0.0.1, with deploy/'s files as an administrator installs them (only `listen` and the
 * two `root` lines set), both as a site of its own (nginx.conf) and under /chengguan/ (subpath.conf). Every page is
 * loaded in Chromium; wasm must come compressed and the cache headers must be those of scripts/serve.ts.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {createServer} from "node:net";
import {tmpdir, userInfo} from "node:os";
import {join, relative, resolve} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {checkPage, launchBrowser, problems} from "../../scripts/browser.ts";
import {cacheControl, IMMUTABLE_PREFIXES} from "../../scripts/serve.ts";
import {PAGES} from "../../scripts/site-pages.ts";
import {sharedSite, type Site} from "./site.ts";
import {get} from "./http.ts";

const NGINX = "/usr/sbin/nginx";
const BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
const DEPLOY = resolve("deploy");
const IMMUTABLE = "public, max-age=31536000, immutable";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const {port} = server.address() as {port: number};
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Copies a deploy/ file into the test's nginx folder with the administrator's settings replaced; each must occur once. */
function install(name: string, target: string, settings: [string, string][]): void {
  let text = readFileSync(join(DEPLOY, name), "utf-8");
  for (const [from, to] of settings) {
    expect(text.split(from).length - 1, `${name}: "${from}"`).toBe(1);
    text = text.replace(from, to);
  }
  writeFileSync(join(target, name), text);
}

interface Nginx {
  /** The site on its own, and the server whose /chengguan/ is the site. */
  url: string;
  subpathUrl: string;
  brotli: boolean;
  stop(): Promise<void>;
}

async function startNginx(dist: string): Promise<Nginx> {
  if (!existsSync(NGINX)) {
    throw new Error(`${NGINX} is missing: install Debian's nginx (apt-get install nginx libnginx-mod-http-brotli-static, as .ci/run does)`);
  }
  const prefix = await mkdtemp(join(tmpdir(), "chengguan-nginx-"));
  const conf = join(prefix, "conf");
  mkdirSync(join(conf, "chengguan"), {recursive: true});
  mkdirSync(join(prefix, "www"));
  symlinkSync(dist, join(prefix, "www", "chengguan"));
  const [port, subpathPort] = [await freePort(), await freePort()];
  install("nginx.conf", join(conf, "chengguan"), [["listen 8080;", `listen 127.0.0.1:${port};`], ["root /srv/chengguan;", `root ${dist};`]]);
  install("subpath.conf", join(conf, "chengguan"), [["root /srv/www;", `root ${join(prefix, "www")};`]]);
  install("locations.conf", join(conf, "chengguan"), []);
  install("brotli.conf", join(conf, "chengguan"), []);
  const brotli = existsSync(BROTLI_MODULE);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${join(prefix, t)};`).join(" ");
  writeFileSync(join(conf, "nginx.conf"), [
    brotli ? `load_module ${BROTLI_MODULE};` : "",
    // the shared site lies in a folder only its owner may read
    process.getuid?.() === 0 ? `user ${userInfo().username};` : "",
    "daemon off;",
    "worker_processes 1;",
    `pid ${join(prefix, "nginx.pid")};`,
    `error_log ${join(prefix, "error.log")} warn;`,
    "events { worker_connections 256; }",
    "http {",
    "  include /etc/nginx/mime.types;",
    "  default_type application/octet-stream;",
    "  sendfile on;",
    `  access_log ${join(prefix, "access.log")};`,
    `  ${temp}`,
    brotli ? "  include chengguan/brotli.conf;" : "",
    "  include chengguan/nginx.conf;",
    `  server { listen 127.0.0.1:${subpathPort}; server_name _; root ${join(prefix, "empty")}; include chengguan/subpath.conf; }`,
    "}",
    ""
  ].join("\n"));

  const child: ChildProcess = spawn(NGINX, ["-p", `${prefix}/`, "-c", join(conf, "nginx.conf")], {stdio: ["ignore", "ignore", "pipe"]});
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const log = () => `${stderr}${existsSync(join(prefix, "error.log")) ? readFileSync(join(prefix, "error.log"), "utf-8") : ""}`;
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${log()}`);
    if (await get(`${url}/`).then(() => true, () => false)) break;
    if (Date.now() - started > 30_000) throw new Error(`nginx did not answer in 30 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    subpathUrl: `http://127.0.0.1:${subpathPort}`,
    brotli,
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, "SIGQUIT");
        const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(prefix, {recursive: true, force: true});
    }
  };
}

let site: Site;
let nginx: Nginx;
let browser: Browser;
let wasm: {path: string; file: string};

beforeAll(async () => {
  site = await sharedSite();
  nginx = await startNginx(site.dist);
  browser = await launchBrowser();
  const file = files(site.dist).find((f) => f.endsWith("/duckdb-eh.wasm"))!;
  wasm = {file, path: `/${relative(site.dist, file)}`};
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
});

describe("deploy/nginx.conf", () => {
  for (const path of PAGES) {
    test(`${path} renders through nginx with no error cell and nothing failed or outside`, async () => {
      const report = await checkPage(browser, nginx.url, path);
      expect(problems(report)).toEqual([]);
    });
  }

  test("wasm is sent as application/wasm, precompressed, to a request that accepts it", async () => {
    const best = await get(`${nginx.url}${wasm.path}`, {"Accept-Encoding": "gzip, deflate, br"});
    expect(best.status).toBe(200);
    expect(best.headers["content-type"]).toBe("application/wasm");
    const encoding = nginx.brotli ? "br" : "gzip";
    expect(best.headers["content-encoding"]).toBe(encoding);
    expect(best.body.length).toBe(statSync(`${wasm.file}${encoding === "br" ? ".br" : ".gz"}`).size);
    expect(best.headers.vary).toBe("Accept-Encoding");

    const gzip = await get(`${nginx.url}${wasm.path}`, {"Accept-Encoding": "gzip"});
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.body.length).toBeLessThan(statSync(wasm.file).size / 4);

    const plain = await get(`${nginx.url}${wasm.path}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBe(statSync(wasm.file).size);
  });

  test("Chromium receives the engine compressed", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const response = page.waitForResponse((r) => r.url().endsWith("/duckdb-eh.wasm"), {timeout: 120_000});
      await page.goto(`${nginx.url}/sql`);
      const headers = await (await response).allHeaders();
      expect(["gzip", "br"]).toContain(headers["content-encoding"]);
      expect(headers["content-type"]).toBe("application/wasm");
    } finally {
      await context.close();
    }
  });

  test("hashed files are cached for a year, pages are revalidated", async () => {
    const client = files(site.dist).find((f) => /\/_observablehq\/client\.[0-9a-f]{8}\.js$/.test(f))!;
    const data = files(site.dist).find((f) => /\/_file\/.*\.arrow$/.test(f))!;
    for (const file of [client, data, wasm.file]) {
      const path = `/${relative(site.dist, file)}`;
      const response = await get(`${nginx.url}${path}`, {"Accept-Encoding": "gzip"});
      expect(response.status, path).toBe(200);
      expect(response.headers["cache-control"], path).toBe(IMMUTABLE);
      expect(cacheControl(path), path).toBe(IMMUTABLE);
    }
    for (const path of PAGES) {
      const response = await get(`${nginx.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers["cache-control"], path).toBe("no-cache");
      expect(cacheControl(path), path).toBe("no-cache");
    }
  });

  test("nginx and scripts/serve.ts treat the same folders as immutable, and Framework names every file in them by hash or version", () => {
    const rule = readFileSync(join(DEPLOY, "locations.conf"), "utf-8").match(/location ~ \/_\(([a-z|]+)\)\/ \{/);
    expect(rule).not.toBeNull();
    expect(rule![1].split("|").map((f) => `/_${f}/`).sort()).toEqual([...IMMUTABLE_PREFIXES].sort());

    const unnamed = files(site.dist)
      .map((f) => `/${relative(site.dist, f)}`)
      .filter((p) => !/\.(br|gz)$/.test(p) && cacheControl(p) === IMMUTABLE)
      .filter((p) => !/\.[0-9a-f]{8}\.[a-z0-9]+$|\/[0-9a-f]{8}\.js$/.test(p) && !/^\/_(npm|node|jsr)\/(@[^/]+\/)?[^/@]+@\d+\.\d+\.\d+[^/]*\//.test(p));
    expect(unnamed).toEqual([]);
  });

  test("under /chengguan/ of another site: pages, a data file, and the bare /chengguan", async () => {
    for (const path of ["/chengguan/", "/chengguan/platform"]) {
      const report = await checkPage(browser, nginx.subpathUrl, path);
      expect(problems(report), path).toEqual([]);
    }
    const data = files(site.dist).find((f) => /\/_file\/.*\.arrow$/.test(f))!;
    const response = await get(`${nginx.subpathUrl}/chengguan/${relative(site.dist, data)}`, {"Accept-Encoding": "gzip"});
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe(IMMUTABLE);
    expect(["gzip", undefined]).toContain(response.headers["content-encoding"]);
    const page = await get(`${nginx.subpathUrl}/chengguan/platform`);
    expect(page.headers["cache-control"]).toBe("no-cache");
    const bare = await get(`${nginx.subpathUrl}/chengguan`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toMatch(/\/chengguan\/$/);
  });
});
