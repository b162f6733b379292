/**
 * What the ingest finds in rows it keeps: values the code lists do not know (new values, kept as their text) and
 * inconsistencies that do not make a row impossible (warnings). Counted per file with the first place each was seen,
 * then merged per source for the report, the 数据质量 page and `--check`.
 *
 * Nothing personal goes into a finding: a new value is a code-list value (a department, a category, a status), and a
 * warning's message names the column, never the cell.
 */
import type {CodeListId} from "./codes/index.ts";

/** One row's note, made by the normalizer or the validator. */
export type Note =
  | {kind: "new_value"; field: string; list: CodeListId; value: string; /** The parent code seen with it (a minor's major, a community's street). */ context?: string | null}
  | {kind: "warning"; code: string; field: string | null; message: string};

/** A value some code list does not know, in one file. */
export interface NewValue {
  field: string;
  list: CodeListId;
  value: string;
  rows: number;
  sheet: string;
  row: number;
  context: string | null;
}

/** Where a row is: its sheet ("csv" for delimited text) and its row number as a person sees it. */
export interface RowPlace {
  sheet: string;
  row: number;
}

/** Rows named one by one for each warning of a file (and of a source); `rows` goes on counting past them. */
export const LISTED_ROWS = 1000;

/** An inconsistency kept in the data, in one file; `message` is one occurrence's wording. */
export interface RowWarning {
  code: string;
  field: string | null;
  message: string;
  rows: number;
  sheet: string;
  row: number;
  /** The rows it was found in, in file order, the first {@link LISTED_ROWS} (none for a warning about the whole file). */
  at: RowPlace[];
}

export interface FileFindings {
  newValues: NewValue[];
  rowWarnings: RowWarning[];
}

/** Collects the notes of one file's accepted rows. Keys come from data, so the maps are Maps. */
export class FindingsCollector {
  private readonly values = new Map<string, NewValue>();
  private readonly warnings = new Map<string, RowWarning>();

  add(notes: readonly Note[], sheet: string, row: number): void {
    for (const n of notes) {
      if (n.kind === "new_value") {
        const key = `${n.field}\u0000${n.value}`;
        const seen = this.values.get(key);
        if (seen) seen.rows++;
        else this.values.set(key, {field: n.field, list: n.list, value: n.value, rows: 1, sheet, row, context: n.context ?? null});
      } else {
        const seen = this.warnings.get(n.code);
        if (!seen) this.warnings.set(n.code, {code: n.code, field: n.field, message: n.message, rows: 1, sheet, row, at: [{sheet, row}]});
        else if (seen.rows++ < LISTED_ROWS) seen.at.push({sheet, row});
      }
    }
  }

  /** Adds a warning about the whole file (row 0), such as a column derived from others. */
  fileWarning(code: string, field: string | null, message: string, rows: number): void {
    if (rows > 0) this.warnings.set(code, {code, field, message, rows, sheet: "", row: 0, at: []});
  }

  result(): FileFindings {
    return {newValues: [...this.values.values()], rowWarnings: [...this.warnings.values()]};
  }
}

/** A note in words, for the reason of a rejected row that also holds it (a new value is not why it was rejected). */
export function noteText(note: Note, labelOf: (field: string) => string): string {
  return note.kind === "new_value" ? `${labelOf(note.field)}“${note.value}”不在代码表中（新取值）` : note.message;
}
