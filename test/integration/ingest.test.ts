import {spawn} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {findHeader} from "../../loaders/headers.ts";
import {isDataRow} from "../../loaders/process.ts";
import type {IngestReport} from "../../loaders/report.ts";
import {reconcile} from "../../loaders/report.ts";
import {readTable} from "../../loaders/read.ts";
import {isValidIdNumber, SOURCES, type SourceId} from "../../loaders/schema/index.ts";
import {cleanText, contentHashes, listFiles, query} from "./ingest-helpers.ts";
import {sharedSampleCopy} from "../sample/helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-sample-"));
const raw = path.join(tmp, "raw");
const aside = path.join(tmp, "aside");
const warehouse = path.join(tmp, "warehouse");
const env = {...process.env, CI: "1", CHENGGUAN_SALT: "integration-salt"};
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

/**
 * Runs a command to its end without blocking this process's event loop (a blocked loop for a minute on a busy machine
 * makes vitest's own messages time out).
 */
function runAsync(command: string, args: string[], options: {env?: NodeJS.ProcessEnv} = {}): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: ROOT, env: options.env ?? process.env});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stdout, stderr}));
  });
}

/** Runs the ingest CLI in one node process (no tsx wrapper process, so signals reach it). */
function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return runAsync(process.execPath, ["--import", "tsx", "loaders/cli.ts", ...args], {env: {...env, ...extraEnv}});
}

function readReport(): IngestReport {
  return JSON.parse(fs.readFileSync(path.join(warehouse, "ingest-report.json"), "utf8"));
}

interface SampleManifest {
  records: Record<string, Record<string, number>>;
  files: {source: SourceId; path: string; dataRows: number; invalidRows: number}[];
  notSpreadsheet: string[];
}
let manifest: SampleManifest;
let december: string[];

beforeAll(async () => {
  manifest = await sharedSampleCopy(raw, {year: 2024, month: 12});
  // the newest month is held back to be added by a later run
  december = listFiles(raw).filter((f) => path.basename(f).startsWith("2024-12"));
  for (const f of december) {
    const to = path.join(aside, path.relative(raw, f));
    fs.mkdirSync(path.dirname(to), {recursive: true});
    fs.renameSync(f, to);
  }
}, 300_000);

describe("ingest of the sample data", () => {
  let first: IngestReport;

  it("runs from the CLI, quietly in CI, and exits 0 despite rejected rows and a broken file", async () => {
    const r = await cli(["--raw", raw, "--warehouse", warehouse]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(2);
    expect(r.stdout).toMatch(/^导入完成: /);
    expect(r.stderr).toMatch(/不是电子表格/);
    first = readReport();
    expect(first.fullRebuild).toBe(true);
    expect(Object.keys(first.sources)).toEqual(["platform", "cases", "documents", "review", "hotline", "publicity", "training"]);
  });

  it("reconciles: every data row is accepted or rejected, per file and per source", async () => {
    expect(reconcile(first)).toEqual([]);
    const expected = new Map(manifest.files.map((f) => [f.path, f]));
    for (const s of Object.values(first.sources)) {
      for (const f of s.files) {
        const m = expected.get(f.path);
        if (!m) continue; // held back or not a spreadsheet
        expect({path: f.path, rowsRead: f.rowsRead, rejected: f.rejected}).toEqual({path: f.path, rowsRead: m.dataRows, rejected: m.invalidRows});
      }
    }
    const broken = first.sources.platform.files.filter((f) => f.error);
    expect(broken.map((f) => f.path)).toEqual(manifest.notSpreadsheet);
  });

  it("picks up a new month alone", async () => {
    for (const f of december) fs.renameSync(path.join(aside, path.relative(raw, f)), f);
    const r = await cli(["--raw", raw, "--warehouse", warehouse]);
    expect(r.status, r.stderr).toBe(0);
    const second = readReport();
    expect(second.fullRebuild).toBe(false);
    const read = Object.values(second.sources).flatMap((s) => s.files.filter((f) => !f.skipped).map((f) => f.path));
    expect(read.sort()).toEqual(december.map((f) => path.relative(raw, f).split(path.sep).join("/")).sort());
    expect(second.totals.filesSkipped).toBe(first.totals.files);
    expect(reconcile(second)).toEqual([]);
    for (const [id, s] of Object.entries(second.sources)) expect(s.latestFileMonth, id).toBe("2024-12");
  });

  it("has as many records per year as the sample holds", async () => {
    for (const [source, byYear] of Object.entries(manifest.records)) {
      const dateField = SOURCES[source as SourceId].dateField;
      const rows = await query(warehouse, `SELECT year(${dateField})::VARCHAR AS y, count(*)::INTEGER AS n FROM ${source} GROUP BY 1`);
      expect(Object.fromEntries(rows.map((r) => [r.y, r.n])), source).toEqual(byYear);
    }
  });

  it("gives the 2024 figures of the seed report", async () => {
    const docs = await query(warehouse, "SELECT doc_type, count(*)::INTEGER AS n FROM documents WHERE year(issued_on) = 2024 GROUP BY 1");
    const byType = Object.fromEntries(docs.map((r) => [r.doc_type, r.n]));
    expect(byType).toMatchObject({guidance: 112, rectification_order: 73, penalty_decision: 12, enforcement_application: 3});
    const pub = await query(
      warehouse,
      "SELECT level, count(*)::INTEGER AS n FROM publicity WHERE kind = 'item' AND year(date) = 2024 GROUP BY ROLLUP (level)"
    );
    expect(Object.fromEntries(pub.map((r) => [r.level ?? "total", r.n]))).toEqual({total: 460, national: 12, provincial: 53, municipal: 352, district: 43});
  });

  it("is idempotent: a rerun reads nothing and changes no table", async () => {
    const before = await contentHashes(warehouse);
    const report = readReport();
    const r = await cli(["--raw", raw, "--warehouse", warehouse]);
    expect(r.status, r.stderr).toBe(0);
    const again = readReport();
    expect(again.totals).toEqual({...report.totals, filesRead: 0, filesSkipped: report.totals.files});
    for (const [id, s] of Object.entries(again.sources)) expect(s.records, id).toBe(report.sources[id as SourceId].records);
    expect(await contentHashes(warehouse)).toEqual(before);
  });

  it("leaves the previous warehouse intact and usable when killed mid-run", async () => {
    const before = await contentHashes(warehouse);
    const reportBefore = fs.readFileSync(path.join(warehouse, "ingest-report.json"), "utf8");
    // a new salt makes the run read every file again, which gives time to kill it in the middle
    const child = spawn(process.execPath, ["--import", "tsx", "loaders/cli.ts", "--raw", raw, "--warehouse", warehouse], {
      cwd: ROOT,
      env: {...env, CHENGGUAN_SALT: "another-salt"},
      stdio: "ignore"
    });
    // kill it once it has read a few files into its half-built warehouse
    const loaded = () => {
      const build = fs.readdirSync(tmp).find((f) => f.startsWith(".warehouse.tmp-"));
      const load = build && path.join(tmp, build, "_load");
      return load && fs.existsSync(load) ? fs.readdirSync(load).length : 0;
    };
    const deadline = Date.now() + 60_000;
    while (loaded() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(loaded()).toBeGreaterThanOrEqual(3);
    child.kill("SIGKILL");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBeNull();
    expect(fs.existsSync(path.join(tmp, ".warehouse.lock"))).toBe(true);
    expect(await contentHashes(warehouse)).toEqual(before);
    expect(fs.readFileSync(path.join(warehouse, "ingest-report.json"), "utf8")).toBe(reportBefore);
    // the next run takes over the stale lock, removes the half-built directory and changes nothing
    const r = await cli(["--raw", raw, "--warehouse", warehouse]);
    expect(r.status, r.stderr).toBe(0);
    expect(readReport().totals.filesRead).toBe(0);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith(".warehouse."))).toEqual([]);
    expect(await contentHashes(warehouse)).toEqual(before);
  });

  it("keeps no ID-card number, phone number or natural person's name from the raw files in the clean tables", async () => {
    const ids = new Set<string>();
    const phones = new Set<string>();
    const names = new Set<string>();
    const otherText: string[] = [];
    for (const file of listFiles(raw)) {
      const rel = path.relative(raw, file).split(path.sep).join("/");
      const source = rel.split("/")[0] as SourceId;
      if (!SOURCES[source]) continue;
      let table;
      try {
        table = readTable(fs.readFileSync(file), file);
      } catch {
        continue;
      }
      const schema = SOURCES[source];
      for (const sheet of table.sheets) {
        const header = findHeader(sheet.rows, schema.fields);
        const columnsOf = (kind: string) =>
          new Set(schema.fields.filter((f) => f.personal === kind && header?.columns.has(f.name)).map((f) => header!.columns.get(f.name)!));
        const nameCols = columnsOf("name");
        // a name found in free text is never excused: free text is not where places are named
        const freeTextCols = columnsOf("free_text");
        // data rows only: a header cell (来电人) in a name column is no one's name
        const headerRow = header ? sheet.rows[header.rowIndex] : [];
        for (const row of sheet.rows.slice(header ? header.rowIndex + 1 : 0).filter((r) => isDataRow(r, headerRow))) {
          row.forEach((cell, c) => {
            if (cell === null) return;
            const text = String(cell).normalize("NFKC").replace(/\s/g, "");
            for (const m of text.matchAll(/\d{17}[\dX]/g)) if (isValidIdNumber(m[0])) ids.add(m[0]);
            for (const m of text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) phones.add(m[0]);
            // natural persons: names of at most 4 Chinese characters (organizations have longer names)
            if (nameCols.has(c) && /^[\u4e00-\u9fff]{2,4}$/.test(text)) names.add(text);
            else if (!freeTextCols.has(c)) otherText.push(text);
          });
        }
      }
    }
    expect(ids.size).toBeGreaterThan(10);
    expect(phones.size).toBeGreaterThan(1000);
    expect(names.size).toBeGreaterThan(100);
    // as a person reads it: full-width digits halved, and no spaces or dashes between the digits of one value
    const clean = (await cleanText(warehouse)).normalize("NFKC").replace(/(?<=\d)[ \-]{1,3}(?=\d)/g, "");
    // membership tests over digit runs and 2-4 character windows instead of one substring search per value
    const digitsInClean = new Set<string>();
    for (const m of clean.matchAll(/\d{11,}X?/g)) {
      for (let i = 0; i + 11 <= m[0].length; i++) digitsInClean.add(m[0].slice(i, i + 11)).add(m[0].slice(i, i + 18));
    }
    const surnames = new Set([...names].map((n) => n[0]));
    const namesIn = (text: string, found: Set<string>) => {
      for (let i = 0; i < text.length; i++) {
        if (!surnames.has(text[i])) continue;
        for (let n = 2; n <= 4; n++) {
          const w = text.slice(i, i + n);
          if (names.has(w)) found.add(w);
        }
      }
    };
    const namesInClean = new Set<string>();
    namesIn(clean, namesInClean);
    // a name that is also a place (魏文 and 魏文路) appears in the raw data outside any name column too
    const namesElsewhere = new Set<string>();
    for (const t of otherText) namesIn(t, namesElsewhere);
    const leaked = [
      ...[...ids].filter((v) => digitsInClean.has(v)),
      ...[...phones].filter((v) => digitsInClean.has(v)),
      ...[...namesInClean].filter((v) => !namesElsewhere.has(v))
    ];
    expect(leaked).toEqual([]);
  });
});

describe("ingest CLI", () => {
  it("explains itself", async () => {
    const r = await cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--raw DIR");
    expect(r.stdout).toContain("--warehouse DIR");
    expect(r.stdout).toContain("CHENGGUAN_SALT");
  });

  it("exits non-zero with a one-line reason when it cannot run", async () => {
    const missing = await cli(["--raw", path.join(tmp, "missing"), "--warehouse", path.join(tmp, "w2")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/原始数据目录不存在/);
    const lock = path.join(tmp, ".warehouse.lock");
    fs.writeFileSync(lock, JSON.stringify({pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString()}));
    const locked = await cli(["--raw", raw, "--warehouse", warehouse]);
    fs.rmSync(lock);
    expect(locked.status).toBe(1);
    expect(locked.stderr.trim().split("\n")).toHaveLength(1);
    expect(locked.stderr).toMatch(/已被锁定/);
    const bad = await cli(["--nope"]);
    expect(bad.status).toBe(2);
  });
});
