/**
 * What the data-quality page and the freshness stamps receive: the ingest report without
 * anything a rejected row contained (its values may be personal), and the rejects as
 * file, row and reason.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {existsSync, readFileSync} from "node:fs";
import {scrubText} from "../anonymize.ts";
import {configuredSystem, loadGeoConfig, type GeoConfig} from "../geo/config.ts";
import {systemByName} from "../geo/systems.ts";
import type {IngestReport} from "../report.ts";
import {warehousePaths} from "../warehouse.ts";

export function readReport(warehouse: string): IngestReport | null {
  const file = warehousePaths(warehouse).report;
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf-8")) as IngestReport) : null;
}

export interface Freshness {
  ingestedAt: string | null;
  latestMonth: string | null;
  sources: {source: string; label: string; latestMonth: string | null; records: number}[];
}

export function freshness(report: IngestReport | null): Freshness {
  const sources = Object.entries(report?.sources ?? {}).map(([source, s]) => ({source, label: s.label, latestMonth: s.latestMonth, records: s.records}));
  const months = sources.map((s) => s.latestMonth).filter((m): m is string => m != null).sort();
  return {ingestedAt: report?.generatedAt ?? null, latestMonth: months.at(-1) ?? null, sources};
}

/** Text encodings as the 数据质量 page names them (loaders/encoding.ts decides them). */
export const ENCODING_LABELS: Readonly<Record<string, string>> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8（带 BOM）",
  "utf-16le": "UTF-16 LE（Unicode 文本）",
  "utf-16be": "UTF-16 BE",
  gb18030: "GB18030（GBK）"
};

/** How sure an encoding is, in words: by the file's structure, by a measure of its characters, or in doubt. */
export const CONFIDENCE_LABELS: Readonly<Record<string, string>> = {certain: "确定", likely: "很可能", doubtful: "存疑"};

/** "GB18030（GBK）", or two joined by " + " for a file whose lines differ ("utf-8+gb18030"); null for none. */
export function encodingLabel(encoding: string | null | undefined): string | null {
  if (!encoding) return null;
  return encoding
    .split("+")
    .map((e) => ENCODING_LABELS[e] ?? e)
    .join(" + ");
}

/**
 * Where an ignored entry's reason quotes a path outside the raw folder (the target of a symbolic link: an absolute
 * path, a home folder or one that climbs out with ..), that path is left out: it can name the maintainer's account or
 * folders that are not the dashboard's business. Paths inside the raw folder are the bureau's file names, and stay.
 */
export function publicIgnoredReason(reason: string): string {
  return scrubText(reason.replace(/“(?:[/\\~]|[A-Za-z]:|\.\.)[^”]*”/g, "（raw 目录以外的路径）"));
}

/** One text file's encoding as the page lists it. */
export interface EncodingRow {
  source: string;
  path: string;
  encoding: string;
  confidence: string;
  evidence: string;
}

/** Every text file's detected encoding, with how sure it is (in words) and the evidence; doubtful ones first. */
export function encodingRows(report: IngestReport | null): EncodingRow[] {
  const order = ["doubtful", "likely", "certain"];
  const rows = Object.values(report?.sources ?? {}).flatMap((s) =>
    s.files
      .filter((f) => f.encoding)
      .map((f) => ({
        rank: order.indexOf(f.encodingConfidence ?? "doubtful"),
        row: {
          source: s.label,
          path: f.path,
          encoding: encodingLabel(f.encoding)!,
          confidence: f.encodingConfidence ? CONFIDENCE_LABELS[f.encodingConfidence] : "—",
          evidence: f.encodingEvidence ?? "—"
        }
      }))
  );
  return rows.sort((a, b) => a.rank - b.rank).map((r) => r.row);
}

/** One file flagged for a month after the ingest's day. */
export interface FutureRow {
  source: string;
  path: string;
  /** YYYY-MM: the later of the file name's month and the month of its rows' latest date. */
  futureMonth: string;
  rowsRead: number;
  /** The file's own wording of why (which date, and today's). */
  remark: string;
}

/** Files whose name or rows name a month after the ingest's day (ingested all the same), latest month first. */
export function futureRows(report: IngestReport | null): FutureRow[] {
  const rows = Object.values(report?.sources ?? {}).flatMap((s) =>
    s.files
      .filter((f) => f.futureMonth)
      .map((f) => ({source: s.label, path: f.path, futureMonth: f.futureMonth!, rowsRead: f.rowsRead, remark: f.warnings.find((w) => w.includes("晚于今天")) ?? ""}))
  );
  return rows.sort((a, b) => b.futureMonth.localeCompare(a.futureMonth) || a.path.localeCompare(b.path));
}

/**
 * The report as published: examples of rejected values are dropped. New values are code-list values (a department, a
 * category) and warnings name columns, never cells (loaders/findings.ts), so both go as they are. Ignored entries go
 * with their paths and reasons, a path outside the raw folder left out ({@link publicIgnoredReason}).
 */
export function publicReport(report: IngestReport | null): unknown {
  if (!report) return null;
  // a content hash is of no use to a page, and its hex digits can read like a phone number to a leak scan
  const sources = Object.fromEntries(
    Object.entries(report.sources).map(([id, s]) => [
      id,
      {...s, files: s.files.map(({sha256: _sha256, ...f}) => ({...f, encodingLabel: encodingLabel(f.encoding)})), rejectionReasons: s.rejectionReasons.map(({example: _example, ...r}) => r)}
    ])
  );
  return {
    generatedAt: report.generatedAt,
    fullRebuild: report.fullRebuild,
    sources,
    totals: report.totals,
    ignored: report.ignored.map((i) => ({path: scrubText(i.path), reason: publicIgnoredReason(i.reason)})),
    warnings: report.warnings,
    newValuesYaml: report.newValuesYaml ?? "",
    timing: report.timing
  };
}

export const rejectsSql = `SELECT source, file, sheet, "row"::INTEGER AS "row", reason_code, reason FROM rejects ORDER BY source, file, "row"`;

/**
 * A reason as published: every value it quotes (“…”) or shows in brackets (（…）) is left out, since a rejected row's
 * values can be anything, a name or an ID number in the wrong column among them; what is left is scrubbed too. The
 * maintainer has the values in rejects.csv, which stays on the machine.
 */
export function publicReason(reason: string): string {
  return scrubText(reason.replace(/“[^”]*”/g, "“…”").replace(/（[^（）]*）/g, "（…）"));
}

/** Rejected rows as file, sheet, row and reason code and text; never their values (see {@link publicReason}). */
export async function rejectList(con: DuckDBConnection): Promise<Record<string, unknown>[]> {
  const rows = (await con.runAndReadAll(rejectsSql)).getRowObjectsJS() as Record<string, unknown>[];
  return rows.map((r) => ({...r, reason: publicReason(String(r.reason ?? ""))}));
}

/**
 * For each platform export: the coordinate system its rows were converted from, how that was decided (crs.yaml or
 * detection; the detection's details are in the file's report line), and its rows with coordinates, exchanged X/Y,
 * outside the district and unrecognized. Counted over every stored version, so each file's figures are its own.
 */
export async function geoFiles(con: DuckDBConnection, config: GeoConfig = loadGeoConfig()): Promise<Record<string, unknown>[]> {
  const rows = (
    await con.runAndReadAll(
      `SELECT f.path, f.month, any_value(s.geo_crs) AS crs, count(s._seq)::INTEGER AS rows,
         count(s._seq) FILTER (s.x IS NOT NULL AND s.y IS NOT NULL AND s.x <> 0 AND s.y <> 0)::INTEGER AS with_coordinates,
         count(s._seq) FILTER (s.geo_flag = 'swapped')::INTEGER AS swapped, count(s._seq) FILTER (s.geo_flag = 'outside')::INTEGER AS outside,
         count(s._seq) FILTER (s.geo_flag = 'unrecognized')::INTEGER AS unrecognized
       FROM files f LEFT JOIN stage.platform s ON s.source_file = f.path
       WHERE f.source = 'platform' AND f.status <> 'error' GROUP BY ALL ORDER BY f.path`
    )
  ).getRowObjectsJson() as Record<string, unknown>[];
  return rows.map((r) => {
    const crs = r.crs == null ? null : String(r.crs);
    const configured = configuredSystem(config.crs, {source: "platform", path: String(r.path), month: r.month == null ? null : String(r.month)});
    const system = crs === null ? null : crs.startsWith("proj4:") ? systemByName(crs.slice("proj4:".length)) : systemByName(crs);
    return {
      ...r,
      crs: system?.label ?? crs ?? (Number(r.with_coordinates) > 0 ? "无法识别" : "无坐标"),
      basis: crs === null ? "—" : configured ? "按 crs.yaml 设置" : "自动识别"
    };
  });
}
