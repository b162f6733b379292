/** Serves a built site (dist/) on localhost: the same server the end-to-end tests and benchmarks use. */
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import sirv from "sirv";

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, {port = 0, host = "127.0.0.1"} = {}): Promise<StaticServer> {
  // Framework links pages without the .html extension ("clean URLs").
  const handler = sirv(dir, {extensions: ["html"], dev: false, etag: true, single: false});
  const server = createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end("Not found");
  }));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await serveStatic(dir, {port, host: process.env.HOST ?? "127.0.0.1"});
  console.log(`城管统计看板 已启动: ${url}/  (Ctrl+C 退出)`);
}
