import {isUtf8} from "node:buffer";
import crypto from "node:crypto";
import iconv from "iconv-lite";
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
  /** Where the path leads when it, or a folder on it, is a symbolic link (the file read), else absent. */
  target?: string;
}

/** An entry under the raw folder that is not read, and why. */
export interface IgnoredEntry {
  path: string;
  reason: string;
}

export interface RawScan {
  files: RawFile[];
  /** Every other entry under the raw folder (a folder stands for what it holds), with the reason it is not read. */
  ignored: IgnoredEntry[];
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
  /** JSON of {@link FileNotes}: what the report says of the file beyond its counts, kept for the runs that skip it. */
  findings: string | null;
  ingested_at: string | null;
}

/** What a file's report says of it beyond its counts, kept with its manifest entry (the `findings` column). */
export interface FileNotes {
  encodingConfidence: "certain" | "likely" | "doubtful" | null;
  encodingEvidence: string | null;
  /** Remarks that did not stop the file: sheets left out, two columns for one field, the coordinate system found. */
  warnings: string[];
  /** The latest date (YYYY-MM-DD) of the source's date field among the file's accepted rows. */
  latestDate: string | null;
  /** Values the code lists do not know, and inconsistencies kept in the data (loaders/findings.ts). */
  newValues: import("./findings.ts").NewValue[];
  rowWarnings: import("./findings.ts").RowWarning[];
  /** How each sheet's columns were mapped to fields. */
  columnMaps: import("./process.ts").SheetColumns[];
}

/** Names that are never exports, with what the report calls such a file and such a folder. */
const NOT_EXPORTS: [RegExp, string, string][] = [
  [/^~\$/, "Excel 打开文件时生成的临时锁文件", "临时目录"],
  [/^\.~lock\./, "WPS/LibreOffice 打开文件时生成的临时锁文件", "临时目录"],
  [/^\./, "隐藏文件（名称以 . 开头）", "隐藏目录（名称以 . 开头）"],
  [/^readme/i, "说明文件", "说明目录"],
  [/^(thumbs\.db|desktop\.ini)$/i, "系统文件", "系统目录"]
];

interface Walk {
  out: {rel: string; abs: string; target?: string}[];
  ignored: IgnoredEntry[];
  /** dev:inode of every folder and file reached, so that a link back up, or a second link to one place, is read once. */
  seen: Map<string, string>;
  /** Symbolic links met, followed once every real folder has been walked (so that a real path wins over a link). */
  links: {abs: string; rel: string; target?: string}[];
}

function fileKey(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Takes a folder or file reached at `rel` once: a second way to the same place is reported instead. */
function reach(w: Walk, st: fs.Stats, abs: string, rel: string, target: string | undefined): void {
  const key = fileKey(st);
  const before = w.seen.get(key);
  if (before !== undefined) {
    w.ignored.push({
      path: rel,
      reason: st.isDirectory()
        ? `与“${before || "."}”是同一目录（经符号链接到达${before === "" || rel.startsWith(`${before}/`) ? "，会形成循环" : ""}），未重复读取`
        : `与“${before}”是同一文件（符号链接或硬链接），未重复读取`
    });
    return;
  }
  w.seen.set(key, rel);
  if (st.isDirectory()) walk(w, abs, rel, target);
  else if (st.isFile()) w.out.push({rel, abs, target});
  else w.ignored.push({path: rel, reason: "不是普通文件（管道、设备或套接字），未读取"});
}

function walk(w: Walk, dir: string, rel: string, target: string | undefined): void {
  let entries: Buffer[];
  try {
    entries = fs.readdirSync(dir, {encoding: "buffer"}).sort(Buffer.compare);
  } catch (error) {
    w.ignored.push({path: rel || ".", reason: `无法读取该目录（${errorCode(error)}），其中的文件未读取`});
    return;
  }
  for (const raw of entries) {
    if (!isUtf8(raw)) {
      // shown as GB18030 reads it, the likeliest encoding of a name copied from a Chinese Windows system
      const shown = iconv.decode(raw, "gb18030");
      w.ignored.push({path: rel ? `${rel}/${shown}` : shown, reason: "名称不是 UTF-8 编码（此处按 GBK 显示；可能是从其他系统复制来的文件名），无法可靠读取；请重命名后重新导入"});
      continue;
    }
    const name = raw.toString("utf8");
    const r = rel ? `${rel}/${name}` : name;
    const abs = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (error) {
      w.ignored.push({path: r, reason: `无法读取（${errorCode(error)}）`});
      continue;
    }
    const skip = NOT_EXPORTS.find(([re]) => re.test(name));
    if (skip) {
      w.ignored.push({path: r, reason: st.isDirectory() ? `${skip[2]}，其中的文件未读取` : `${skip[1]}，未读取`});
      continue;
    }
    if (st.isSymbolicLink()) w.links.push({abs, rel: r, target});
    else reach(w, st, abs, r, target && path.join(target, name));
  }
}

/** Follows a symbolic link met by {@link walk}: its file or folder is read under the link's path, unless already read. */
function follow(w: Walk, link: {abs: string; rel: string}): void {
  let st: fs.Stats;
  let real: string;
  try {
    real = fs.realpathSync(link.abs);
    st = fs.statSync(link.abs);
  } catch (error) {
    let to = "";
    try {
      to = `“${fs.readlinkSync(link.abs)}”`;
    } catch {
      // the link itself vanished
    }
    w.ignored.push({path: link.rel, reason: `符号链接指向的${to}不存在或无法访问（${errorCode(error)}），未读取`});
    return;
  }
  reach(w, st, link.abs, link.rel, real);
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

/**
 * Lists the exports under raw/<source>/ (any depth), each source's files in export order, and accounts for every other
 * entry under the raw folder with the reason it is not read: files outside the source folders, hidden and lock
 * files, links that lead nowhere or back to a folder already read, pipes and devices, names that are not UTF-8.
 * Symbolic links to files and folders are followed (a file keeps the path of its link); nothing is read twice.
 */
export function scanRaw(rawDir: string): RawScan {
  const w: Walk = {out: [], ignored: [], seen: new Map(), links: []};
  w.seen.set(fileKey(fs.statSync(rawDir)), "");
  walk(w, rawDir, "", undefined);
  for (let link = w.links.shift(); link; link = w.links.shift()) follow(w, link);
  const files: RawFile[] = [];
  for (const {rel, abs, target} of w.out) {
    const slash = rel.indexOf("/");
    const source = (slash > 0 ? rel.slice(0, slash) : "") as SourceId;
    if (!SOURCE_IDS.includes(source)) {
      w.ignored.push({
        path: rel,
        reason: slash > 0 ? `目录“${rel.slice(0, slash)}”不是数据源目录（应为 ${SOURCE_IDS.join("、")} 之一），未读取` : `不在任何数据源目录中（应放在 ${SOURCE_IDS.map((s) => s + "/").join("、")} 之下），未读取`
      });
      continue;
    }
    const ext = path.extname(rel).toLowerCase();
    files.push({
      source,
      path: rel,
      abs,
      size: fs.statSync(abs).size,
      month: monthOfFileName(rel.slice(slash + 1)),
      spreadsheet: SPREADSHEET_EXTENSIONS.includes(ext),
      ...(target ? {target} : {})
    });
  }
  files.sort((a, b) => (a.source === b.source ? compareExports(a, b) : SOURCE_IDS.indexOf(a.source) - SOURCE_IDS.indexOf(b.source)));
  return {files, ignored: w.ignored.sort((a, b) => naturalCompare(a.path, b.path))};
}

export function sha256(buf: Uint8Array): string {
  return crypto.createHash("sha256").update(buf).digest("hex");
}
