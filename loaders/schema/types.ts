import type { z } from "zod";
import type { CodeListId } from "../codes/types.ts";

export type SourceId = "platform" | "cases" | "documents" | "review" | "hotline" | "publicity" | "training";

export type FieldType = "string" | "integer" | "number" | "date" | "datetime" | "boolean" | "code";

export type PersonalKind = "name" | "id_number" | "phone" | "address" | "free_text";

export interface FieldSpec {
  /** Canonical snake_case column name in the warehouse. */
  name: string;
  /** Chinese label. */
  label: string;
  type: FieldType;
  /**
   * Whether a row without this value cannot be placed and is rejected: only the record id (or the parts that make it)
   * and the record date. Every other value may be missing.
   */
  required: boolean;
  /** Accepted Chinese header variants; the first one is the canonical header. Empty for derived fields. */
  aliases: readonly string[];
  codeList?: CodeListId;
  personal?: PersonalKind;
  /** Inclusive lower bound for integer/number fields: a smaller value is impossible and rejects the row. */
  min?: number;
  /** Set for fields computed by the loader rather than read from a column; says how. */
  derived?: string;
  description?: string;
}

/**
 * A cross-field rule checked after the per-field checks. A rule that fails rejects the row only when the row cannot
 * be true as exported (times in an impossible order); a `warn` rule notes an inconsistency in the quality report and
 * keeps the row.
 */
export interface RowRule {
  id: string;
  /** Chinese description, shown in the data dictionary and as the rejection reason or warning. */
  message: string;
  /** Keep the row and note the inconsistency instead of rejecting it. */
  warn?: boolean;
  /** The field the issue is reported on. */
  path: string;
  /** True when the row satisfies the rule; rules must tolerate missing or ill-typed values. */
  test: (row: Record<string, unknown>) => boolean;
}

export interface SourceSchema<Row = Record<string, unknown>> {
  source: SourceId;
  label: string;
  description: string;
  /** Folder under data/raw/. */
  folder: string;
  /** Field that identifies a record; rows with the same id across files are versions of one record. */
  idField: string;
  /** When set, `idField` is derived: the normalized values of these fields joined with "|" (see recordId()). */
  idParts?: readonly string[];
  /** The date or datetime field that places a record in a month or year. */
  dateField: string;
  fields: readonly FieldSpec[];
  rules: readonly RowRule[];
  /**
   * Zod schema of one normalized row (dates as ISO strings, coded values as a code or, for a value the code list does
   * not know, its normalized text; absent values as null). Checks the rejecting rules only.
   */
  row: z.ZodType<Row>;
}
