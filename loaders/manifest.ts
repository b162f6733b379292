import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {monthOfFileName} from "./parse/dates.ts";
import {SOURCE_IDS, type SourceId} from "./schema/index.ts";

/** Extensions of the files the readers take (read.ts); anything else in a source folder is reported as not a spreadsheet. */
export const SPREADSHEET_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt"];

export interface RawFile {
  source: SourceId;
  /** Path relative to the raw folder, with forward slashes: platform/2024-03.xlsx */
  path: string;
  abs: string;
  size: number;
  /** Month named by the file path (YYYY-MM), or null. */
  month: string | null;
  /** Whether the extension is one the reader takes; other files are reported as errors, not read. */
  spreadsheet: boolean;
}

export interface RawScan {
  files: RawFile[];
  /** Paths under the raw folder that belong to no source (unknown folders, loose files). */
  ignored: string[];
}

/** What the warehouse remembers about a file it has seen (the `files` table). */
export interface ManifestEntry {
  path: string;
  source: SourceId;
  sha256: string;
  size: number;
  month: string | null;
  file_order: number;
  status: "ingested" | "skipped" | "error" | "kept_previous";
  rows_read: number;
  accepted: number;
  rejected: number;
  error: string | null;
  format: string | null;
  encoding: string | null;
  sheets: string | null;
  unmapped_columns: string | null;
  /** sha256 of the content whose rows the warehouse holds (differs from sha256 when a broken new version was kept out). */
  staged_sha256: string | null;
  /** Fingerprint of the bureau's configuration (code lists, header names) the held rows were read with. */
  config_fingerprint: string | null;
  /** JSON of the file's findings (loaders/findings.ts FileFindings) and column mapping, for the report. */
  findings: string | null;
  ingested_at: string | null;
}

const IGNORED_NAME = /^(\.|~\$|readme|thumbs\.db$|desktop\.ini$)/i;

function walk(dir: string, rel: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (IGNORED_NAME.test(entry.name)) continue;
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), r, out);
    else if (entry.isFile()) out.push(r);
  }
}

/** Compares paths so that 2024-2.csv sorts before 2024-10.csv. */
export function naturalCompare(a: string, b: string): number {
  const ra = a.split(/(\d+)/);
  const rb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    if (ra[i] === rb[i]) continue;
    if (i % 2 === 1) {
      const d = Number(ra[i]) - Number(rb[i]);
      if (d) return d;
    }
    return ra[i] < rb[i] ? -1 : 1;
  }
  return ra.length - rb.length;
}

/**
 * The export order that decides which version of a record wins: by the month the path names (files naming no
 * month come first, as the oldest), then by path in natural order. The last file is the newest export.
 */
export function compareExports(a: {month: string | null; path: string}, b: {month: string | null; path: string}): number {
  const ma = a.month ?? "";
  const mb = b.month ?? "";
  if (ma !== mb) return ma < mb ? -1 : 1;
  return naturalCompare(a.path, b.path);
}

/** Lists the exports under raw/<source>/ (any depth), each source's files in export order. */
export function scanRaw(rawDir: string): RawScan {
  const all: string[] = [];
  walk(rawDir, "", all);
  const files: RawFile[] = [];
  const ignored: string[] = [];
  for (const rel of all) {
    const slash = rel.indexOf("/");
    const source = (slash > 0 ? rel.slice(0, slash) : "") as SourceId;
    if (!SOURCE_IDS.includes(source)) {
      ignored.push(rel);
      continue;
    }
    const abs = path.join(rawDir, ...rel.split("/"));
    const ext = path.extname(rel).toLowerCase();
    files.push({
      source,
      path: rel,
      abs,
      size: fs.statSync(abs).size,
      month: monthOfFileName(rel.slice(slash + 1)),
      spreadsheet: SPREADSHEET_EXTENSIONS.includes(ext)
    });
  }
  files.sort((a, b) => (a.source === b.source ? compareExports(a, b) : SOURCE_IDS.indexOf(a.source) - SOURCE_IDS.indexOf(b.source)));
  return {files, ignored: ignored.sort(naturalCompare)};
}

export function sha256(buf: Uint8Array): string {
  return crypto.createHash("sha256").update(buf).digest("hex");
}
