/**
 * Browser harness (end-to-end tests, screenshots, benchmarks): build a Framework site with no network, serve its dist/ on 127.0.0.1,
 * and load pages in Debian's headless Chromium, collecting everything a user would call broken.
 */
import {execFile} from "node:child_process";
import {resolve} from "node:path";
import {promisify} from "node:util";
import {chromium, type Browser, type Page} from "playwright-core";
import {serveStatic, type StaticServer} from "./serve.ts";

const run = promisify(execFile);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}

/** Builds a site through the project's build script, with the network cut where `unshare` allows it. */
export async function buildSite(config: string): Promise<void> {
  const bin = resolve("node_modules/.bin");
  const build = [resolve(bin, "tsx"), "scripts/build.ts", "--config", config];
  const [cmd, ...args] = (await canUnshareNetwork()) ? ["unshare", "-n", ...build] : build;
  await run(cmd, args, {maxBuffer: 64 * 1024 * 1024});
}

async function canUnshareNetwork(): Promise<boolean> {
  try {
    await run("unshare", ["-n", "true"]);
    return true;
  } catch {
    return false;
  }
}

export interface PageReport {
  path: string;
  errorCells: string[];
  /** Charts on which Plot drew its warning sign (data it could not show as asked). */
  plotWarnings?: string[];
  pageErrors: string[];
  consoleErrors: string[];
  outsideRequests: string[];
  failedRequests: string[];
  /** How far the page is wider than the window, in CSS pixels (sideways scrolling); 0 when it fits. */
  overflowPx?: number;
}

export function problems(report: PageReport): string[] {
  return [
    ...report.errorCells.map((e) => `error cell: ${e}`),
    ...(report.plotWarnings ?? []).map((e) => `Plot warning on: ${e}`),
    ...report.pageErrors.map((e) => `page error: ${e}`),
    ...report.consoleErrors.map((e) => `console error: ${e}`),
    ...report.outsideRequests.map((e) => `outside request: ${e}`),
    ...report.failedRequests.map((e) => `failed request: ${e}`)
  ];
}

/**
 * Watches a page from before navigation: every request to another origin is recorded and
 * aborted, so the check holds even on a machine that has a network.
 */
export async function watchPage(page: Page, origin: string): Promise<Omit<PageReport, "path" | "errorCells">> {
  const report = {pageErrors: [] as string[], consoleErrors: [] as string[], outsideRequests: [] as string[], failedRequests: [] as string[]};
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    report.outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (error) => report.pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("net::ERR_BLOCKED_BY_CLIENT")) report.consoleErrors.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) report.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  return report;
}

/**
 * Waits until no cell is pending (Framework shows an <observablehq-loading> element in each until it resolves or
 * fails), the page's query engine, if it has one, is no longer loading, and no view is waiting for it
 * (src/components/engine.ts marks its status line `engine-waiting` meanwhile).
 */
export async function settle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForLoadState("load", {timeout});
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout, polling: 100});
  await page.waitForFunction(() => document.documentElement.dataset.engine !== "loading", null, {timeout, polling: 100});
  // views that waited for the engine are computed once it is ready; the status line says when they are done
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading, .engine-status.engine-waiting").length === 0, null, {timeout, polling: 100});
  await page.waitForLoadState("networkidle", {timeout}).catch(() => undefined);
}

export async function errorCells(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => (n.textContent ?? "").trim().slice(0, 300)));
}

export async function plotWarnings(page: Page): Promise<string[]> {
  return page.$$eval("svg text", (nodes) =>
    nodes.filter((n) => (n.textContent ?? "").startsWith("⚠")).map((n) => n.closest(".card")?.querySelector("h2")?.textContent ?? "chart")
  );
}

export async function checkPage(browser: Browser, origin: string, path: string, {width = 1280, height = 800} = {}): Promise<PageReport> {
  const context = await browser.newContext({viewport: {width, height}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  const page = await context.newPage();
  try {
    const watched = await watchPage(page, origin);
    await page.goto(`${origin}${path}`);
    await settle(page);
    const engine = await page.evaluate(() => document.documentElement.dataset.engine ?? null);
    if (engine === "failed") watched.pageErrors.push(`query engine failed: ${await page.locator(".engine-status").first().textContent()}`);
    const overflowPx = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
    return {path, errorCells: await errorCells(page), plotWarnings: await plotWarnings(page), overflowPx, ...watched};
  } finally {
    await context.close();
  }
}

export async function serve(dir: string): Promise<StaticServer> {
  return serveStatic(dir);
}
