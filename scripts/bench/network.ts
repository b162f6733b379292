/**
 * Cold-cache page loads over an emulated link: what a leader on the intranet or a phone VPN waits for.
 *
 * Each load runs in a fresh browser context (an empty HTTP cache) through the project's own server
 * (scripts/serve.ts), with Chromium's network emulation (CDP Network.emulateNetworkConditions) on the page.
 * Times are taken in the page, from navigation start (performance.timeOrigin) to the moment a mutation observer,
 * installed before any page script, sees the element in the DOM.
 *
 * Bytes: Playwright reports the requests of the page and of its dedicated workers (DuckDB-WASM fetches its wasm
 * from its worker), each with its size as transferred (response headers and encoded body) and its timing. A
 * request finished before the first chart counts whole; one still arriving counts the share of its bytes that
 * its elapsed receiving time gives (Chromium's emulation delivers at a steady rate). The server's side is watched
 * too: a request it received that the browser did not report fails the measurement, so no worker request is missed.
 * Counting on the server alone would be wrong under emulation: the server writes a large file into the socket
 * buffers (megabytes on the loopback) well before the throttled browser has received it.
 */
import type {IncomingMessage} from "node:http";
import type {Browser, Request} from "playwright-core";
import {FIRST_PAINT} from "../first-paint.ts";
import {serveStatic} from "../serve.ts";
import {median} from "./stats.ts";

/** An emulated link; throughput in Mbit/s (10^6 bit/s), latency in ms added to every request's response. */
export interface Link {
  downMbps: number;
  upMbps: number;
  latencyMs: number;
}

/** The link of the issue's headline figures: a busy government intranet. */
export const INTRANET: Link = {downMbps: 20, upMbps: 20, latencyMs: 40};

/** Parses "8/30" (Mbit/s down and up, ms) or "8/2/30" (down, up, ms) into a link. */
export function parseLink(text: string): Link {
  const parts = text.split("/").map(Number);
  if (!parts.every((n) => Number.isFinite(n) && n > 0) || (parts.length !== 2 && parts.length !== 3)) {
    throw new Error(`a link is "Mbit/s/ms" or "down Mbit/s/up Mbit/s/ms", not "${text}"`);
  }
  const [downMbps, upMbps, latencyMs] = parts.length === 2 ? [parts[0], parts[0], parts[1]] : parts;
  return {downMbps, upMbps, latencyMs};
}

export const linkName = (link: Link): string =>
  `${link.downMbps}${link.upMbps === link.downMbps ? "" : `/${link.upMbps}`} Mbit/s, ${link.latencyMs} ms`;

/** Figures of one page over one link; null where the page did not get there within the time allowed. */
export interface NetworkFigures {
  netFirstKpiMs: number | null;
  netFirstChartMs: number | null;
  netInteractiveKpiMs: number | null;
  netInteractiveChartMs: number | null;
  netBytesBeforeFirstChart: number | null;
  netEngineReadyMs: number | null;
  /** Every byte the load received (page and workers) until the engine was ready or the wait ended. */
  netBytesTotal: number;
  netRequests: number;
}

/** What each figure measured, for the bench JSON's `measured`. */
export function networkMeasured(link: Link, repeat: number, engineTimeoutMs: number): Record<string, string> {
  const over = `over an emulated ${linkName(link)} link (Chromium's Network.emulateNetworkConditions: ${link.downMbps} Mbit/s down, ${link.upMbps} up, ${link.latencyMs} ms latency), cold cache (a fresh browser context), through scripts/serve.ts, 1280×800; median of ${repeat} loads of each page`;
  return {
    netFirstKpiMs: `navigation start to the first KPI figure in the DOM (a [data-kpi] .big holding a digit, not "—") and painted (not before the first contentful paint): the build's snapshot of the default view when the page has one (scripts/first-paint.ts), ${over}; null if none within the wait`,
    netFirstChartMs: `navigation start to the first chart in the DOM (an svg inside a .chart-card with a mark that is not an axis, grid or tip) and painted, snapshot or not, ${over}`,
    netInteractiveKpiMs: "the same as netFirstKpiMs, to the first KPI figure drawn by the page's script (not a snapshot's)",
    netInteractiveChartMs: "the same as netFirstChartMs, to the first chart drawn by the page's script, which answers filters",
    netBytesBeforeFirstChart: "bytes received (response headers and encoded bodies, as transferred) by the page and its workers until the first chart; a response still arriving counts in proportion to its elapsed receiving time",
    netEngineReadyMs: `navigation start to DuckDB-WASM ready (the page sets document.documentElement.dataset.engine = "ready"); null if not within ${engineTimeoutMs / 1000} s`,
    netBytesTotal: "bytes received by the page and its workers until the engine was ready (or the wait ended)",
    netRequests: "requests of the page and its workers until then"
  };
}

/**
 * Installed before any page script: records when the first KPI figure, the first chart and the engine's ready flag
 * appear, in the page's own clock. Kept as text for the reason given in browser.ts.
 */
const MARKS = `(() => {
  const marks = (window.__benchMarks = {kpi: null, chart: null, liveKpi: null, liveChart: null, engine: null});
  const hasMarks = (svg) => Array.from(svg.querySelectorAll("g[aria-label]")).some((g) => !/axis|grid|tip|legend/.test(g.getAttribute("aria-label")) && g.childElementCount > 0);
  const live = (e) => !e.closest("observablehq-loading[${FIRST_PAINT}]");
  const check = () => {
    const now = performance.now();
    const kpis = Array.from(document.querySelectorAll("[data-kpi] .big")).filter((e) => /\\d/.test(e.textContent || ""));
    const charts = Array.from(document.querySelectorAll(".chart-card svg")).filter(hasMarks);
    if (marks.kpi == null && kpis.length) marks.kpi = now;
    if (marks.chart == null && charts.length) marks.chart = now;
    if (marks.liveKpi == null && kpis.some(live)) marks.liveKpi = now;
    if (marks.liveChart == null && charts.some(live)) marks.liveChart = now;
    if (marks.engine == null && document.documentElement && document.documentElement.dataset.engine === "ready") marks.engine = now;
    if (marks.liveKpi != null && marks.liveChart != null && marks.engine != null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["data-engine"]});
})()`;

interface Received {
  url: string;
  bytes: number;
  /** Epoch ms when the response's first and last bytes arrived. */
  start: number;
  end: number;
}

/** Bytes received by epoch ms `t`. */
export function bytesBefore(received: readonly Received[], t: number): number {
  let total = 0;
  for (const r of received) {
    if (r.end <= t) total += r.bytes;
    else if (r.start < t) total += (r.bytes * (t - r.start)) / (r.end - r.start);
  }
  return Math.round(total);
}

async function receivedOf(request: Request, finishedAt: number): Promise<Received> {
  const sizes = await request.sizes();
  const timing = request.timing();
  const start = timing.responseStart >= 0 ? timing.startTime + timing.responseStart : finishedAt;
  const end = timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : finishedAt;
  return {url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize, start, end: Math.max(start, end)};
}

/** One cold load of `path` from `origin` over `link`. `served` is the server's list of the paths it has been asked for. */
async function loadOnce(browser: Browser, origin: string, path: string, link: Link, served: string[], {timeoutMs, engineTimeoutMs}: {timeoutMs: number; engineTimeoutMs: number}): Promise<NetworkFigures> {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: "zh-CN", timezoneId: "Asia/Shanghai"});
  try {
    const page = await context.newPage();
    await page.addInitScript(MARKS);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: (link.downMbps * 1e6) / 8,
      uploadThroughput: (link.upMbps * 1e6) / 8
    });
    const pending: Promise<Received>[] = [];
    const seen = new Set<string>();
    page.on("request", (request) => seen.add(new URL(request.url()).pathname));
    page.on("requestfinished", (request) => pending.push(receivedOf(request, Date.now())));
    const servedBefore = served.length;

    await page.goto(`${origin}${path}`, {waitUntil: "commit", timeout: timeoutMs});
    type Marks = {kpi: number | null; chart: number | null; liveKpi: number | null; liveChart: number | null; engine: number | null; fcp: number};
    // nothing shows before the first contentful paint, though the parser may insert a snapshot's figures earlier
    const marks = () =>
      page.evaluate(`(() => {
        const m = window.__benchMarks;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
        const painted = (t) => (t == null ? null : Math.max(t, fcp));
        return {...m, kpi: painted(m.kpi), chart: painted(m.chart), liveKpi: painted(m.liveKpi), liveChart: painted(m.liveChart), fcp};
      })()`) as Promise<Marks>;
    const until = async (done: (m: Awaited<ReturnType<typeof marks>>) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = await marks();
        if (done(m) || Date.now() > deadline) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until((m) => m.liveChart != null && m.liveKpi != null, timeoutMs);
    const m = await until((m) => m.engine != null, engineTimeoutMs);
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    // let the requests the page has started finish, so that the server's and the browser's lists can be compared
    await page.waitForLoadState("networkidle", {timeout: 30_000}).catch(() => undefined);
    const received = await Promise.all(pending);
    const missing = served.slice(servedBefore).filter((p) => !seen.has(p));
    if (missing.length) throw new Error(`bench: the browser reported ${missing.length} request(s) the server received not at all (${missing.slice(0, 5).join(", ")}); their bytes would be missing`);
    const chartAt = m.chart == null ? null : timeOrigin + m.chart;
    const end = m.engine != null ? timeOrigin + m.engine : Infinity;
    return {
      netFirstKpiMs: m.kpi,
      netFirstChartMs: m.chart,
      netInteractiveKpiMs: m.liveKpi,
      netInteractiveChartMs: m.liveChart,
      netBytesBeforeFirstChart: chartAt == null ? null : bytesBefore(received, chartAt),
      netEngineReadyMs: m.engine,
      netBytesTotal: bytesBefore(received, end),
      netRequests: received.filter((r) => r.start < end).length
    };
  } finally {
    await context.close();
  }
}

const medianOrNull = (values: (number | null)[]): number | null => (values.some((v) => v == null) ? null : Math.round(median(values as number[])));

/**
 * Cold loads of each of `paths` over `link`, `repeat` times each, served from `dist` by a server of its own (so that
 * nothing else is served meanwhile). Figures are medians; a figure is null if any load did not reach it in time.
 */
export async function measureNetwork(
  browser: Browser,
  dist: string,
  {paths = ["/", "/platform"], link = INTRANET, repeat = 1, timeoutMs = 300_000, engineTimeoutMs = 120_000}: {paths?: string[]; link?: Link; repeat?: number; timeoutMs?: number; engineTimeoutMs?: number} = {}
): Promise<Record<string, NetworkFigures>> {
  const server = await serveStatic(dist);
  const served: string[] = [];
  const watch = (request: IncomingMessage) => served.push(new URL(request.url ?? "/", server.url).pathname);
  server.server.prependListener("request", watch);
  try {
    const result: Record<string, NetworkFigures> = {};
    for (const path of paths) {
      const runs: NetworkFigures[] = [];
      for (let i = 0; i < repeat; i++) runs.push(await loadOnce(browser, server.url, path, link, served, {timeoutMs, engineTimeoutMs}));
      result[path] = {
        netFirstKpiMs: medianOrNull(runs.map((r) => r.netFirstKpiMs)),
        netFirstChartMs: medianOrNull(runs.map((r) => r.netFirstChartMs)),
        netInteractiveKpiMs: medianOrNull(runs.map((r) => r.netInteractiveKpiMs)),
        netInteractiveChartMs: medianOrNull(runs.map((r) => r.netInteractiveChartMs)),
        netBytesBeforeFirstChart: medianOrNull(runs.map((r) => r.netBytesBeforeFirstChart)),
        netEngineReadyMs: medianOrNull(runs.map((r) => r.netEngineReadyMs)),
        netBytesTotal: Math.round(median(runs.map((r) => r.netBytesTotal))),
        netRequests: Math.round(median(runs.map((r) => r.netRequests)))
      };
    }
    return result;
  } finally {
    server.server.off("request", watch);
    await server.close();
  }
}
