/**
 * `npm run bench` end to end at 10^3 rows: it generates, ingests and builds its own sample site (in its temporary
 * folder, from a copy of src/), so this file does not wait for the run's shared site and runs beside its build.
 */
import {execFile} from "node:child_process";
import {readFileSync, readdirSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {describe, expect, test} from "vitest";

const run = promisify(execFile);
const tsx = resolve("node_modules/.bin/tsx");

describe("benchmark smoke test", () => {
  test("npm run bench runs at 10^3 rows, writes every figure, and leaves the checkout's dist/, data/ and src/ alone", async () => {
    const {checkoutFingerprint, fingerprintChanges} = await import("./site-setup.ts");
    const before = checkoutFingerprint();
    const work = await mkdtemp(join(tmpdir(), "chengguan-bench-test-"));
    const out = join(work, "bench.json");
    await run(tsx, ["scripts/bench/cli.ts", "--rows", "1000", "--out", out, "--repeat", "1", "--changes", "4", "--links", "20/40", "--engine-timeout", "45"], {maxBuffer: 64 * 1024 * 1024});
    expect(fingerprintChanges(before, checkoutFingerprint())).toEqual([]);
    expect(readdirSync(".").filter((name) => name.startsWith(".bench-site-"))).toEqual([]);
    const result = JSON.parse(readFileSync(out, "utf-8"));
    const figures = Object.keys(result.measured).filter((key) => key !== "aggregations" && key !== "net" && key !== "hotspotFilterError" && key !== "ingestToBaselineByRun" && key !== "stepSeconds");
    expect(result.hotspotFilterError).toBeNull();
    for (const key of ["rows", "ingestSeconds", "duckdbBaselineSeconds", "buildSeconds", "distBytes", "dataBytes", "firstChartMs", "filterP50Ms", "filterP95Ms", "heapMB"]) {
      expect(figures, key).toContain(key);
    }
    for (const key of figures) expect(Number.isFinite(result[key]) && result[key] > 0, key).toBe(true);
    expect(Object.keys(result.stepSeconds)).toEqual(["generation", "floorCsv", "ingest", "platformIngest", "floors", "build", "pages"]);
    const stepTotal = Object.values(result.stepSeconds as Record<string, number>).reduce((sum, t) => sum + t, 0);
    expect(stepTotal).toBeGreaterThan(0.5 * result.totalSeconds);
    expect(stepTotal).toBeLessThanOrEqual(result.totalSeconds);
    expect(result.aggregations.map((a: {name: string}) => a.name)).toEqual(["year totals", "by street", "by month"]);
    for (const a of result.aggregations) expect(Number.isFinite(a.duckdbMs) && Number.isFinite(a.arqueroMs), a.name).toBe(true);
    // the exports hold every version of a record, the warehouse one; the ingest reads the platform rows and more
    expect(result.rows).toBeLessThanOrEqual(result.exportRows);
    expect(result.ingestRowsRead).toBeGreaterThanOrEqual(result.exportRows);
    expect(result.filterChanges).toBe(4);
    // one ratio per repetition, each ingest against the floor timed in the same repetition
    expect(result.ingestToBaselineByRun).toHaveLength(1);
    expect(result.ingestToBaselineByRun[0]).toBeCloseTo(result.ingestToBaseline, 6);

    expect(result.environment).toMatchObject({cores: expect.any(Number), requestedRows: 1000, rows: result.rows, repeat: 1, link: {downMbps: 20, upMbps: 20, latencyMs: 40}});
    expect(Object.keys(result.measured.net)).toEqual(expect.arrayContaining(["netFirstKpiMs", "netFirstChartMs", "netBytesBeforeFirstChart", "netEngineReadyMs"]));
    expect(Object.keys(result.net)).toEqual(["/", "/platform"]);
    for (const [path, f] of Object.entries<Record<string, number | null>>(result.net)) {
      for (const key of ["netFirstKpiMs", "netFirstChartMs", "netBytesBeforeFirstChart", "netBytesTotal", "netRequests"]) expect(Number.isFinite(f[key]) && f[key]! > 0, `${path} ${key}`).toBe(true);
      // null: the page did not say its engine was ready within the wait
      expect(f.netEngineReadyMs === null || f.netEngineReadyMs > 0, `${path} netEngineReadyMs`).toBe(true);
      expect(f.netBytesBeforeFirstChart!, path).toBeLessThanOrEqual(f.netBytesTotal!);
    }
    expect(result.netLinks).toEqual([{link: {downMbps: 20, upMbps: 20, latencyMs: 40}, name: "20 Mbit/s, 40 ms", runs: 1, pages: result.net}]);
    await rm(work, {recursive: true, force: true});
  }, 900_000);
});
