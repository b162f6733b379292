/**
 * Serves a built site (dist/): `npm run serve` / `npm start`, and the server the end-to-end tests and benchmarks use.
 *
 *   PORT=3000 HOST=127.0.0.1 tsx scripts/serve.ts [DIR]     (HOST=0.0.0.0 serves the local network)
 *
 * It sends the precompressed `.br` / `.gz` variant that scripts/compress.ts wrote when the request accepts it, with
 * `Content-Encoding` and `Vary: Accept-Encoding`, and the cache headers of cacheControl(). Files are looked up on
 * every request, so a site rebuilt in place (the monthly `npm run build`) is served without a restart.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from "node:http";
import type {AddressInfo} from "node:net";
import {networkInterfaces} from "node:os";
import type {Readable} from "node:stream";
import sirv from "sirv";

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * URL path prefixes under which Framework names every file by its content (`client.ae6025d4.js`, `items.0884c6dd.arrow`)
 * or by an exact package version (`/_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm`), so a name never changes
 * content. deploy/locations.conf repeats this list for nginx; test/e2e/nginx.test.ts checks both against a build.
 */
export const IMMUTABLE_PREFIXES = ["/_npm/", "/_node/", "/_jsr/", "/_file/", "/_import/", "/_observablehq/"];

/** `Cache-Control` for a URL path: a year and immutable under IMMUTABLE_PREFIXES; pages and other files are revalidated every time. */
export function cacheControl(pathname: string): string {
  return IMMUTABLE_PREFIXES.some((prefix) => pathname.startsWith(prefix)) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** Content types mrmime does not know. */
const EXTRA_TYPES: Record<string, string> = {".arrow": "application/vnd.apache.arrow.stream"};

/**
 * Serves `dir` on `host:port` (port 0: any free port) until close(). Resolves once listening; rejects if the port
 * cannot be bound. Clean URLs: `/platform` is `platform.html`, `/` is `index.html`.
 */
export async function serveStatic(dir: string, {port = 0, host = "127.0.0.1"} = {}): Promise<StaticServer> {
  // dev: true makes sirv stat the file on each request instead of listing the folder once at start
  const handler = sirv(dir, {
    extensions: ["html"],
    dev: true,
    etag: true,
    single: false,
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader("Cache-Control", cacheControl(pathname));
      const type = EXTRA_TYPES[pathname.slice(pathname.lastIndexOf("."))];
      if (type) res.setHeader("Content-Type", type);
    }
  });
  const notFound = (res: ServerResponse) => {
    res.statusCode = 404;
    res.setHeader("Cache-Control", "no-cache");
    res.end("Not found");
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A file removed between sirv's stat and its read (a build clearing dist/) would otherwise be an unhandled
    // stream error that ends the process.
    res.on("pipe", (source: Readable) => source.on("error", () => res.destroy()));
    try {
      handler(req, res, () => notFound(res));
    } catch {
      if (!res.headersSent) notFound(res);
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

/** The addresses other machines can use when the server listens on every interface. */
function lanUrls(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => `http://${a!.address}:${port}/`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const {url, server} = await serveStatic(dir, {port, host});
  const everywhere = host === "0.0.0.0" || host === "::";
  const urls = everywhere ? [`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, ...lanUrls((server.address() as AddressInfo).port)] : [`${url}/`];
  console.log(`城管统计看板 已启动: ${urls.join("  ")}  (Ctrl+C 退出)`);
}
