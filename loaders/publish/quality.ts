/**
 * What the data-quality page and the freshness stamps receive: the ingest report without
 * anything a rejected row contained (its values may be personal), and the rejects as
 * file, row and reason.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {existsSync, readFileSync} from "node:fs";
import {scrubText} from "../anonymize.ts";
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

/** The report as published: examples of rejected values are dropped. */
export function publicReport(report: IngestReport | null): unknown {
  if (!report) return null;
  const sources = Object.fromEntries(
    Object.entries(report.sources).map(([id, s]) => [id, {...s, rejectionReasons: s.rejectionReasons.map(({example: _example, ...r}) => r)}])
  );
  return {generatedAt: report.generatedAt, fullRebuild: report.fullRebuild, sources, totals: report.totals, ignored: report.ignored, warnings: report.warnings, timing: report.timing};
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
