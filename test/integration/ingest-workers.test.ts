import {execFile, spawnSync} from "node:child_process";
import {promisify} from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest, pipelineFingerprint} from "../../loaders/ingest.ts";
import {reconcile, type IngestReport} from "../../loaders/report.ts";
import {SOURCE_IDS} from "../../loaders/schema/index.ts";
import {bundleStageWorker, WORKERS_ENV} from "../../loaders/stage-pool.ts";
import {contentHashes, query} from "./ingest-helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-workers-"));
const raw = path.join(tmp, "raw");
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

beforeAll(async () => {
  // not spawnSync: a blocked event loop for minutes on a busy machine makes vitest's own messages time out
  const r = await promisify(execFile)("npm", ["run", "--silent", "sample", "--", "--out", raw, "--until", "2023-04", "--quiet"], {cwd: ROOT, encoding: "utf8"}).then(
    () => ({status: 0, stderr: ""}),
    (error: {stderr?: string}) => ({status: 1, stderr: error.stderr ?? String(error)})
  );
  if (r.status !== 0) throw new Error(`sample generation failed: ${r.stderr}`);
}, 300_000);

/** The report without what differs from run to run (times, paths). */
function comparable(report: IngestReport): unknown {
  return Object.fromEntries(
    Object.entries(report.sources).map(([id, s]) => [
      id,
      {
        ...s,
        seconds: 0,
        rowsPerSecond: 0,
        files: s.files.map((f) => ({...f, seconds: 0, rowsPerSecond: 0}))
      }
    ])
  );
}

describe("reading files on worker threads", () => {
  it("gives the same warehouse, rejects and report as reading them on the main thread", async () => {
    const runs: {report: IngestReport; hashes: Record<string, string>; stage: Record<string, string>}[] = [];
    for (const workers of ["0", "2"]) {
      const warehouse = path.join(tmp, `warehouse-${workers}`);
      const report = await ingest({raw, warehouse, env: {CHENGGUAN_SALT: "workers-salt", [WORKERS_ENV]: workers}});
      expect(reconcile(report)).toEqual([]);
      const stage = await contentHashes(warehouse, SOURCE_IDS.map((id) => `stage.${id}`));
      runs.push({report, hashes: await contentHashes(warehouse), stage});
    }
    const [inline, threaded] = runs;
    expect(inline.report.timing.readingThreads).toBe(0);
    expect(threaded.report.timing.readingThreads).toBe(2);
    expect(inline.report.totals.rowsRead).toBeGreaterThan(10_000);
    expect(inline.report.totals.rejected).toBeGreaterThan(0);
    expect(threaded.hashes).toEqual(inline.hashes);
    expect(threaded.stage).toEqual(inline.stage);
    expect(comparable(threaded.report)).toEqual(comparable(inline.report));
    const files = await query(path.join(tmp, "warehouse-2"), "SELECT count(*)::INTEGER AS n FROM files WHERE status = 'ingested'");
    expect(files[0].n).toBeGreaterThan(5);
  });

  it("fingerprints the bundled reader, parser libraries included, the same from any working directory", async () => {
    const script = await bundleStageWorker();
    const elsewhere = spawnSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["-e", `import(${JSON.stringify(path.join(ROOT, "loaders/stage-pool.ts"))}).then(async (m) => process.stdout.write(await m.bundleStageWorker()))`],
      {cwd: os.tmpdir(), encoding: "utf8", maxBuffer: 1 << 28}
    );
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(pipelineFingerprint(elsewhere.stdout)).toBe(pipelineFingerprint(script));
    // the row code and the parser libraries are in what is fingerprinted; the code lists are data, fingerprinted per source
    for (const part of ["loaders/normalize.ts", "loaders/schema/platform.ts", "loaders/codes/book.ts", "node_modules/papaparse", "node_modules/@e965/xlsx", "node_modules/zod"]) {
      expect(script).toContain(part);
    }
    expect(script).not.toContain("西大街道");
  });
});
