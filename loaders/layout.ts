/**
 * The layouts of the stage and rejects tables, next to the functions that build their bulk rows: bulk files are
 * loaded by position, so each column list and its row builder must change together.
 */
import type {FieldSpec, SourceSchema} from "./schema/index.ts";
import {tsvText, UNSAFE, UNSAFE_ALL} from "./bulk.ts";
import type {Column, SqlType} from "./warehouse.ts";

const SQL_TYPES: Record<FieldSpec["type"], SqlType> = {
  string: "VARCHAR",
  code: "VARCHAR",
  integer: "INTEGER",
  number: "DOUBLE",
  date: "DATE",
  datetime: "TIMESTAMP",
  boolean: "BOOLEAN"
};

/** Columns of a clean table: the schema's fields, then where the winning row came from. */
export function cleanColumns(schema: SourceSchema): Column[] {
  return [
    ...schema.fields.map((f) => ({name: f.name, type: SQL_TYPES[f.type]})),
    {name: "source_file", type: "VARCHAR"},
    {name: "source_row", type: "INTEGER"}
  ];
}

/** Columns of stage.<source>: the row's position in its file, then a clean table's. */
export function stageColumns(schema: SourceSchema): Column[] {
  return [{name: "_seq", type: "INTEGER"}, ...cleanColumns(schema)];
}

/** A stage row's bulk line (no line break), in the order of {@link stageColumns}. */
export type StageLine = (seq: number, values: Record<string, unknown>, rowNumber: number) => string;

/**
 * Compiles the bulk line of one file's stage rows: one expression per field reading it by name, so that V8 sees
 * fixed property names and makes no call per value. Each value is written as {@link tsvText} writes it (a unit test
 * holds the two together).
 */
export function compileStageLine(schema: SourceSchema, file: string): StageLine {
  const fields = schema.fields.map(
    (f) =>
      `((v = values[${JSON.stringify(f.name)}]) === null || v === undefined || v === "" ? "" : ` +
      `typeof v === "string" ? (UNSAFE.test(v) ? v.replace(UNSAFE_ALL, " ") : v) : ` +
      `typeof v === "number" || typeof v === "boolean" ? "" + v : other(v))`
  );
  const line = ["seq", ...fields, "fileText", "rowNumber"].join(' + "\\t" + ');
  const make = new Function("UNSAFE", "UNSAFE_ALL", "other", "fileText", `return (seq, values, rowNumber) => { let v; return ${line}; };`);
  return make(UNSAFE, UNSAFE_ALL, (v: unknown) => tsvText(v) ?? "", tsvText(file) ?? "") as StageLine;
}

/**
 * A file's path as its bulk rows hold it. Bulk files are tab-separated without quoting, so a path holding a tab or a
 * line break (legal in a file name) is written as a placeholder instead, which `restoreBulkPaths` (warehouse.ts) replaces by
 * the path once the rows are loaded: `source_file` and `rejects.file` always equal the report's path.
 */
export function bulkPath(file: string, index: number): string {
  return UNSAFE.test(file) ? `\uE000${index}` : file;
}

/** The bulk files one export's rows are written to in the load directory (stage rows, rejects), named by its position in the run. */
export function bulkFiles(loadDir: string, source: string, index: number): {stage: string; rejects: string} {
  return {stage: `${loadDir}/stage-${source}-${index}.tsv`, rejects: `${loadDir}/rejects-${index}.tsv`};
}

export const REJECT_COLUMNS: Column[] = [
  {name: "source", type: "VARCHAR"},
  {name: "file", type: "VARCHAR"},
  {name: "sheet", type: "VARCHAR"},
  {name: "row", type: "INTEGER"},
  {name: "record_id", type: "VARCHAR"},
  {name: "reason_code", type: "VARCHAR"},
  {name: "reason", type: "VARCHAR"},
  {name: "original", type: "VARCHAR"}
];

/** A rejects row in the order of {@link REJECT_COLUMNS}. */
export function rejectRow(r: {source: string; file: string; sheet: string; row: number; recordId: string | null; reasonCode: string; reason: string; original: string}): unknown[] {
  return [r.source, r.file, r.sheet, r.row, r.recordId, r.reasonCode, r.reason, r.original];
}
