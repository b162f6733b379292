/**
 * The run's manifest as the warehouse keeps it (the `files` table): one entry per export, whatever became of it.
 * The next run compares with it to skip unchanged files and to carry their rows over.
 */
import type {FileNotes, ManifestEntry} from "./manifest.ts";
import type {FileOutcome} from "./process.ts";
import {createTableSql, type Column, type Db} from "./warehouse.ts";

/** Columns of the `files` table, in the order of {@link ManifestEntry}. */
export const FILE_COLUMNS: Column[] = [
  {name: "path", type: "VARCHAR"},
  {name: "source", type: "VARCHAR"},
  {name: "sha256", type: "VARCHAR"},
  {name: "size", type: "BIGINT"},
  {name: "month", type: "VARCHAR"},
  {name: "file_order", type: "INTEGER"},
  {name: "status", type: "VARCHAR"},
  {name: "rows_read", type: "INTEGER"},
  {name: "accepted", type: "INTEGER"},
  {name: "rejected", type: "INTEGER"},
  {name: "error", type: "VARCHAR"},
  {name: "format", type: "VARCHAR"},
  {name: "encoding", type: "VARCHAR"},
  {name: "sheets", type: "VARCHAR"},
  {name: "unmapped_columns", type: "VARCHAR"},
  {name: "staged_sha256", type: "VARCHAR"},
  {name: "config_fingerprint", type: "VARCHAR"},
  {name: "findings", type: "VARCHAR"},
  {name: "ingested_at", type: "VARCHAR"}
];

/** Where a file stands in this run, before its outcome: the part of its entry every outcome shares. */
export type FileIdentity = Pick<ManifestEntry, "path" | "source" | "sha256" | "size" | "month" | "file_order">;

/** An unchanged file: its last entry at its new position in the export order. */
export function skippedEntry(prev: ManifestEntry, fileOrder: number): ManifestEntry {
  const status = prev.status === "error" || prev.status === "kept_previous" ? prev.status : "skipped";
  return {...prev, file_order: fileOrder, status};
}

/**
 * A file that could not be read this time. With `keep` (its last good entry) the rows of that version stay, and the
 * entry says so; otherwise the file contributes nothing (judged under `configFingerprint`, so that an unchanged broken
 * file is not read again until the configuration changes).
 */
export function errorEntry(identity: FileIdentity, error: string, keep: ManifestEntry | null, configFingerprint: string): ManifestEntry {
  return {
    ...identity,
    status: keep ? "kept_previous" : "error",
    rows_read: keep?.rows_read ?? 0,
    accepted: keep?.accepted ?? 0,
    rejected: keep?.rejected ?? 0,
    error: keep ? `${error}（本次文件无法导入，保留上次成功导入的 ${keep.accepted} 行）` : error,
    format: keep?.format ?? null,
    encoding: keep?.encoding ?? null,
    sheets: keep?.sheets ?? null,
    unmapped_columns: keep?.unmapped_columns ?? null,
    staged_sha256: keep?.staged_sha256 ?? null,
    config_fingerprint: keep ? keep.config_fingerprint : configFingerprint,
    findings: keep?.findings ?? null,
    ingested_at: keep?.ingested_at ?? null
  };
}

/** A file read in this run. */
export function stagedEntry(identity: FileIdentity, outcome: FileOutcome, configFingerprint: string, ingestedAt: string): ManifestEntry {
  return {
    ...identity,
    status: "ingested",
    rows_read: outcome.rowsRead,
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    error: null,
    format: outcome.format,
    encoding: outcome.encoding,
    sheets: JSON.stringify(outcome.sheets),
    unmapped_columns: JSON.stringify(outcome.unmappedColumns),
    staged_sha256: identity.sha256,
    config_fingerprint: configFingerprint,
    findings: JSON.stringify({
      encodingConfidence: outcome.encodingConfidence,
      encodingEvidence: outcome.encodingEvidence,
      warnings: outcome.usedZod ? [...outcome.warnings, "逐行校验与 zod 模式不一致，本文件改用 zod 校验（请报告此问题）"] : outcome.warnings,
      latestDate: outcome.latestDate,
      newValues: outcome.findings.newValues,
      rowWarnings: outcome.findings.rowWarnings,
      columnMaps: outcome.columnMaps
    } satisfies FileNotes),
    ingested_at: ingestedAt
  };
}

/** Writes the run's manifest as the `files` table. */
export async function writeFilesTable(con: Db["con"], entries: readonly ManifestEntry[]): Promise<void> {
  await con.run(createTableSql("files", FILE_COLUMNS));
  const appender = await con.createAppender("files");
  for (const m of entries) {
    for (const c of FILE_COLUMNS) {
      const v = (m as unknown as Record<string, unknown>)[c.name];
      if (v === null || v === undefined) appender.appendNull();
      else if (c.type === "INTEGER") appender.appendInteger(Number(v));
      else if (c.type === "BIGINT") appender.appendBigInt(BigInt(v as number));
      else appender.appendVarchar(String(v));
    }
    appender.endRow();
  }
  appender.closeSync();
}
