import { join, relative } from "node:path";
import type { SourceId, SourceSchema } from "../../loaders/schema/index.ts";
import { type YearMonth, ymKey } from "./calendar.ts";
import type { Rng } from "./random.ts";
import { type Profile, renderRow, totalRow } from "./render.ts";
import { type Cell, CsvStream, dataRowNumber, extensionOf, type Table, writeTable } from "./writers.ts";

export type InvalidReason =
  | "missing_id"
  | "missing_required"
  | "bad_date"
  | "end_before_start"
  | "damaged_id"
  | "negative_value";

/** A row that must be rejected by the loaders, with why. */
export interface InvalidRow {
  reason: InvalidReason;
  /** Normalized values the row was built from (before corruption at cell level). */
  row: Record<string, unknown>;
  /** Raw cell values that replace the rendered ones, by field. */
  override?: Record<string, Cell>;
}

export interface FileEntry {
  source: SourceId;
  path: string;
  month: string;
  format: string;
  dataRows: number;
  invalidRows: number;
}

export interface InvalidEntry {
  source: SourceId;
  path: string;
  /** 1-based row number in the sheet or CSV line number. */
  row: number;
  reason: InvalidReason;
  id: string | null;
}

export interface Manifest {
  generator: string;
  seed: number;
  from: string;
  until: string;
  scale: number;
  files: FileEntry[];
  invalidRows: InvalidEntry[];
  /** True when invalidRows was cut short (very large samples); per-file counts stay exact. */
  invalidRowsTruncated: boolean;
  notSpreadsheet: string[];
  /** Distinct valid records per source and year of the source's date field. */
  records: Record<string, Record<string, number>>;
}

export const MAX_LISTED_INVALID = 20000;

export interface EmitOptions {
  out: string;
  manifest: Manifest;
  schema: SourceSchema;
  profile: Profile;
  ym: YearMonth;
  title: string;
  subtitle?: string;
  unit: string;
  /** An array, or an iterable for months too large to hold (invalid rows are then placed row by row). */
  rows: Record<string, unknown>[] | Iterable<Record<string, unknown>>;
  invalid: (count: number, rng: Rng) => InvalidRow[];
  rng: Rng;
}

/** Share of invalid rows in large streamed files. */
export const INVALID_RATE = 0.005;

/** Write one monthly export, interleaving the invalid rows at random positions, and record it in the manifest. */
export function emitMonth(o: EmitOptions): string {
  const { schema, profile } = o;
  const file = join(o.out, schema.folder, `${ymKey(o.ym)}_${profile.stem}.${extensionOf(profile.format)}`);
  const rel = relative(o.out, file).split("\\").join("/");
  const tableHead: Pick<Table, "title" | "subtitle"> = {
    ...(profile.title ? { title: o.title } : {}),
    ...(profile.subtitle && o.subtitle ? { subtitle: o.subtitle } : {})
  };
  const idCol = profile.columns.findIndex((c) => c.field === schema.idField);
  const streamed = !Array.isArray(o.rows);
  if (streamed && (profile.format === "xlsx" || profile.format === "xls")) throw new Error("streamed rows need a CSV profile");
  const stream = streamed ? new CsvStream(file, profile.format as Exclude<typeof profile.format, "xlsx" | "xls">) : null;
  const rows: Cell[][] = [];
  const put = (cells: Cell[]) => (stream ? stream.row(cells) : rows.push(cells));
  if (stream) {
    const pad = (s: string) => [s, ...Array<Cell>(profile.columns.length - 1).fill(null)];
    if (tableHead.title) stream.line(pad(tableHead.title));
    if (tableHead.subtitle) stream.line(pad(tableHead.subtitle));
    stream.line(profile.columns.map((c) => c.header));
  }
  let written = 0;
  let invalidWritten = 0;
  const putInvalid = (bad: InvalidRow) => {
    const cells = renderRow(schema, profile, bad.row, o.rng);
    for (const [field, value] of Object.entries(bad.override ?? {})) {
      const c = profile.columns.findIndex((col) => col.field === field);
      if (c >= 0) cells[c] = value;
    }
    const m = o.manifest;
    if (m.invalidRows.length >= MAX_LISTED_INVALID) m.invalidRowsTruncated = true;
    else {
      const id = idCol >= 0 ? cells[idCol] : null;
      m.invalidRows.push({
        source: schema.source,
        path: rel,
        row: dataRowNumber(tableHead, written),
        reason: bad.reason,
        id: typeof id === "string" && id.trim() !== "" ? id.trim() : null
      });
    }
    put(cells);
    written++;
    invalidWritten++;
  };
  if (Array.isArray(o.rows)) {
    const n = o.rows.length;
    const bad = o.invalid(invalidCount(o.rng, n), o.rng);
    const positions = bad.map(() => o.rng.int(0, n)).sort((a, b) => a - b);
    let k = 0;
    for (let i = 0; i <= n; i++) {
      while (k < positions.length && positions[k] === i) putInvalid(bad[k++]);
      if (i < n) {
        put(renderRow(schema, profile, o.rows[i], o.rng));
        written++;
      }
    }
  } else {
    for (const row of o.rows) {
      if (o.rng.chance(INVALID_RATE)) putInvalid(o.invalid(1, o.rng)[0]);
      put(renderRow(schema, profile, row, o.rng));
      written++;
    }
  }
  const total = written;
  const totalCells = profile.total ? totalRow(profile, total, o.unit) : undefined;
  if (stream) {
    if (totalCells) stream.line(totalCells);
    stream.close();
  } else {
    writeTable(file, { ...tableHead, headers: profile.columns.map((c) => c.header), rows, ...(totalCells ? { total: totalCells } : {}) }, profile.format);
  }
  o.manifest.files.push({ source: schema.source, path: rel, month: ymKey(o.ym), format: profile.format, dataRows: total, invalidRows: invalidWritten });
  return file;
}

export function countRecord(m: Manifest, source: SourceId, year: number, n = 1): void {
  const bySource = (m.records[source] ??= {});
  bySource[String(year)] = (bySource[String(year)] ?? 0) + n;
}

/** Number of invalid rows for a file with n valid rows: about 0.5%, at least a couple a year for small registers. */
export function invalidCount(rng: Rng, n: number): number {
  return rng.poisson(Math.max(n * INVALID_RATE, 0.17));
}
