import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCES, recordId, type SourceId } from "../../loaders/schema/index.ts";
import { addMonths, compareYm, monthRange, type YearMonth, ymKey, ymOf } from "./calendar.ts";
import { countRecord, emitMonth, type InvalidRow, type Manifest } from "./emit.ts";
import { EnforcementPlan } from "./enforcement.ts";
import { HotlineGenerator } from "./hotline.ts";
import { PlatformGenerator } from "./platform.ts";
import { casesProfile, documentsProfile, hotlineProfile, platformProfile, publicityProfile, reviewProfile, TITLES, trainingProfile } from "./profiles.ts";
import { invalidPublicity, publicityRecords } from "./publicity.ts";
import { Rng } from "./random.ts";
import type { Profile } from "./render.ts";
import { invalidReview, reviewRecords } from "./review.ts";
import { monthRows, type Versioned } from "./timeline.ts";
import { invalidTraining, trainingRecords } from "./training.ts";
import { errorPageHtml } from "./writers.ts";
import { rainDays, snowDays } from "./world.ts";

export const DEFAULT_SEED = 83308165;
export const FIRST_MONTH: YearMonth = { year: 2023, month: 1 };
export const MANIFEST_FILE = "sample-manifest.json";
/** Where the default sample puts the export that is really an HTML error page. */
export const NOT_SPREADSHEET_MONTH: YearMonth = { year: 2024, month: 8 };

export interface GenerateOptions {
  out: string;
  until: YearMonth;
  seed?: number;
  /** Multiplier on platform and hotline volumes; above 1 those sources are written as CSV. */
  scale?: number;
  log?: (line: string) => void;
}

/** Remove the files a previous run listed in its manifest; never touches anything else in `out`. */
function removePrevious(out: string): void {
  const file = join(out, MANIFEST_FILE);
  if (!existsSync(file)) return;
  const old = JSON.parse(readFileSync(file, "utf8")) as Partial<Manifest>;
  for (const f of old.files ?? []) rmSync(join(out, f.path), { force: true });
  for (const p of old.notSpreadsheet ?? []) rmSync(join(out, p), { force: true });
  rmSync(file, { force: true });
}

function countVersioned(m: Manifest, source: SourceId, records: readonly Versioned[], until: YearMonth): void {
  const dateField = SOURCES[source].dateField;
  for (const r of records) {
    const first = r.versions[0];
    if (compareYm(ymOf(first.at), until) > 0) continue;
    countRecord(m, source, Number(String(first.row[dateField]).slice(0, 4)));
  }
}

/** Generate the sample exports for 2023-01 .. `until` into `out/<source>/` and return the manifest. */
export function generateSample(o: GenerateOptions): Manifest {
  const seed = o.seed ?? DEFAULT_SEED;
  const scale = o.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error("scale must be a positive integer");
  if (compareYm(o.until, FIRST_MONTH) < 0) throw new Error(`until must not be before ${ymKey(FIRST_MONTH)}`);
  const log = o.log ?? (() => {});
  mkdirSync(o.out, { recursive: true });
  removePrevious(o.out);
  const manifest: Manifest = {
    generator: "scripts/sample (npm run sample)",
    seed,
    from: ymKey(FIRST_MONTH),
    until: ymKey(o.until),
    scale,
    files: [],
    invalidRows: [],
    invalidRowsTruncated: false,
    notSpreadsheet: [],
    records: {}
  };
  const months = monthRange(FIRST_MONTH, o.until);
  const years = [...new Set(months.map((m) => m.year))];

  const plan = new EnforcementPlan(seed);
  plan.finish(o.until.year);
  const caseRecords = plan.caseRecords();
  const docRecords = plan.documentRecords();
  const penalties = plan.cases.filter((c) => c.decision !== null).map((c) => ({ caseNo: c.no, decision: c.decision! }));
  const reviewRecs = reviewRecords(seed, o.until.year, penalties);
  const publicityRecs = publicityRecords(seed, o.until.year);
  for (const r of publicityRecs) for (const v of r.versions) v.row.record_id = recordId(SOURCES.publicity, v.row);
  const trainingRecs = trainingRecords(seed, o.until.year);
  for (const r of trainingRecs) for (const v of r.versions) v.row.record_id = recordId(SOURCES.training, v.row);
  countVersioned(manifest, "cases", caseRecords, o.until);
  countVersioned(manifest, "documents", docRecords, o.until);
  countVersioned(manifest, "review", reviewRecs, o.until);
  countVersioned(manifest, "publicity", publicityRecs, o.until);
  countVersioned(manifest, "training", trainingRecs, o.until);

  const snow = snowDays(seed, years);
  const rain = rainDays(seed, years);
  const platformGen = new PlatformGenerator(seed, scale, snow, rain);
  const hotlineGen = new HotlineGenerator(seed, scale, snow, rain);

  const emit = (
    source: SourceId,
    profile: Profile,
    ym: YearMonth,
    rows: Record<string, unknown>[] | Iterable<Record<string, unknown>>,
    invalid: (n: number, rng: Rng) => InvalidRow[],
    unit: string
  ) => {
    const rng = new Rng(seed, `emit:${source}:${ymKey(ym)}`);
    emitMonth({
      out: o.out,
      manifest,
      schema: SOURCES[source],
      profile,
      ym,
      title: TITLES[source](ym),
      subtitle: `填报单位：魏都区城市管理局政策法规股　　填报日期：${addMonths(ym, 1).year}年${addMonths(ym, 1).month}月1日`,
      unit,
      rows,
      invalid,
      rng
    });
  };

  for (const ym of months) {
    const started = Date.now();
    const spawns = hotlineGen.generate(ym);
    const p = platformGen.month(ym, spawns);
    const pp = platformProfile(ym, scale);
    const spreadsheet = pp.format === "xlsx" || pp.format === "xls";
    emit("platform", pp, ym, spreadsheet ? [...p.rows] : p.rows, (n, rng) => platformGen.invalid(ym, n, rng), "件");
    countRecord(manifest, "platform", ym.year, p.stats.newCases);
    const h = hotlineGen.rows(ym);
    countRecord(manifest, "hotline", ym.year, h.newOrders);
    emit("hotline", hotlineProfile(ym, scale), ym, h.rows, (n, rng) => hotlineGen.invalid(ym, n, rng), "件");
    emit("cases", casesProfile(ym), ym, monthRows(caseRecords, ym, (r) => `${r.filed_on}|${r.case_no}`), (n, rng) => plan.invalidCases(ym, n, rng), "件");
    emit("documents", documentsProfile(ym), ym, monthRows(docRecords, ym, (r) => `${r.issued_on}|${r.doc_no}`), (n, rng) => plan.invalidDocuments(ym, n, rng), "份");
    emit("review", reviewProfile(ym), ym, monthRows(reviewRecs, ym, (r) => `${r.received_on}|${r.review_no}`), (n, rng) => invalidReview(ym, n, rng), "件");
    emit("publicity", publicityProfile(ym), ym, monthRows(publicityRecs, ym, (r) => `${r.date}|${r.kind}|${r.title}|${r.media}`), (n, rng) => invalidPublicity(ym, n, rng), "条");
    emit("training", trainingProfile(ym), ym, monthRows(trainingRecs, ym, (r) => `${r.date}|${r.topic}`), (n, rng) => invalidTraining(ym, n, rng), "场");
    log(`${ymKey(ym)}  platform ${p.stats.newCases} new  hotline ${h.newOrders} new  (${Date.now() - started} ms)`);
  }

  const badMonth = compareYm(NOT_SPREADSHEET_MONTH, o.until) <= 0 ? NOT_SPREADSHEET_MONTH : o.until;
  const badPath = `${SOURCES.platform.folder}/${ymKey(badMonth)}_${platformProfile(badMonth, 1).stem}(1).xlsx`;
  writeFileSync(join(o.out, badPath), errorPageHtml(), "utf8");
  manifest.notSpreadsheet.push(badPath);

  writeFileSync(join(o.out, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + "\n", "utf8");
  return manifest;
}


