/**
 * The floor's input (baseline.ts): each platform export under raw/ written as a UTF-8 CSV of its header row and data
 * rows. DuckDB reads neither spreadsheets nor GB18030, and the title and 合计 lines are not data.
 *
 * This module imports no native code, so that scripts/bench/bundle.ts can bundle its command line
 * (exports-csv-cli.ts) and the bench can run one process per core (two at most), each writing every n-th export.
 */
import {appendFile, mkdir, readdir, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {findHeader} from "../../loaders/headers.ts";
import {isDataRow} from "../../loaders/process.ts";
import {readTable} from "../../loaders/read.ts";
import {SOURCES} from "../../loaders/schema/index.ts";
import type {Cell} from "../../loaders/table.ts";

const CSV_SLICE = 20_000;

/** The fields Papa.unparse quotes: with a quote, comma, line break or byte-order mark, or a space at either end. */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

const csvField = (cell: Cell): string => {
  const value = cell == null ? "" : String(cell);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
};

/**
 * Rows as CSV lines, byte for byte as Papa.unparse writes them with `newline: "\n"`, plus a final line break, in a
 * third to a half of its time: on two 10^7 exports (58 and 39 MB) 0.94 and 0.76 s against 2.76 and 1.21 s (2026-12-03),
 * where Papa.unparse had been the largest part of preparing the floor's input.
 */
export function csvLines(rows: readonly Cell[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** Which of the exports one process writes: those whose place in the sorted file list is `index` modulo `count`. */
export interface Part {
  index: number;
  count: number;
}

/** CSV files written and the data rows in them. */
export interface ExportsCount {
  files: number;
  rows: number;
}

/**
 * Writes the readable platform exports of `part` as `<file number>-<sheet number>.csv` in `out`.
 *
 * @param raw the raw folder (its platform/ subfolder is read)
 * @param out the folder written to (created when missing)
 * @returns the CSV files written and their data rows; files that are not spreadsheets are skipped, as the ingest
 *   reads nothing from them either
 */
export async function exportsAsCsv(raw: string, out: string, part: Part = {index: 0, count: 1}): Promise<ExportsCount> {
  const folder = join(raw, SOURCES.platform.folder);
  const fields = SOURCES.platform.fields.filter((f) => !f.derived);
  await mkdir(out, {recursive: true});
  let files = 0;
  let rows = 0;
  const names = (await readdir(folder)).sort();
  for (let n = part.index; n < names.length; n += part.count) {
    let table;
    try {
      table = readTable(await readFile(join(folder, names[n])), names[n]);
    } catch {
      continue;
    }
    for (const [s, sheet] of table.sheets.entries()) {
      const header = findHeader(sheet.rows, fields);
      if (!header) continue;
      const headerRow = sheet.rows[header.rowIndex];
      const data = sheet.rows.slice(header.rowIndex + 1).filter((r) => isDataRow(r, headerRow));
      rows += data.length;
      files++;
      // in slices: one string of a month's export at 10^7 cases would be hundreds of MB
      const file = join(out, `${n + 1}-${s + 1}.csv`);
      await writeFile(file, csvLines([headerRow]));
      for (let i = 0; i < data.length; i += CSV_SLICE) await appendFile(file, csvLines(data.slice(i, i + CSV_SLICE)));
    }
  }
  return {files, rows};
}
