import { z } from "zod";
import type { FieldSpec, RowRule, SourceId, SourceSchema } from "./types.ts";

type ValueOf<F extends FieldSpec> = F["type"] extends "integer" | "number"
  ? number
  : F["type"] extends "boolean"
    ? boolean
    : string;

/** Static type of a normalized row, derived from a const field list. */
export type RowOf<Fs extends readonly FieldSpec[]> = {
  [F in Fs[number] as F["name"]]: F["required"] extends true ? ValueOf<F> : ValueOf<F> | null | undefined;
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.type) {
    case "date":
      return z.iso.date().regex(DATE_RE);
    case "datetime":
      return z.iso.datetime({ local: true, precision: 0 }).regex(DATETIME_RE);
    case "integer": {
      const s = z.number().int();
      return f.min === undefined ? s : s.min(f.min);
    }
    case "number": {
      const s = z.number().finite();
      return f.min === undefined ? s : s.min(f.min);
    }
    case "boolean":
      return z.boolean();
    case "code":
      if (!f.codeList) throw new Error(`field ${f.name}: code without codeList`);
      return z.string().min(1);
    case "string":
      return z.string().min(1);
  }
}

export interface SourceDef<Fs extends readonly FieldSpec[]> {
  source: SourceId;
  label: string;
  description: string;
  folder: string;
  idField: Fs[number]["name"];
  idParts?: readonly Fs[number]["name"][];
  dateField: Fs[number]["name"];
  fields: Fs;
  rules?: readonly RowRule[];
}

export function defineSource<const Fs extends readonly FieldSpec[]>(def: SourceDef<Fs>): SourceSchema<RowOf<Fs>> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of def.fields) {
    const s = fieldSchema(f);
    shape[f.name] = f.required ? s : s.nullish();
  }
  const rules = def.rules ?? [];
  const rejecting = rules.filter((r) => !r.warn);
  const row = z
    .object(shape)
    .strict()
    .superRefine((value, ctx) => {
      for (const rule of rejecting) {
        if (!rule.test(value as Record<string, unknown>)) {
          ctx.addIssue({ code: "custom", message: rule.message, path: [rule.path], params: { rule: rule.id } });
        }
      }
    });
  return {
    source: def.source,
    label: def.label,
    description: def.description,
    folder: def.folder,
    idField: def.idField,
    ...(def.idParts ? { idParts: def.idParts } : {}),
    dateField: def.dateField,
    fields: def.fields,
    rules,
    row: row as unknown as z.ZodType<RowOf<Fs>>
  };
}

const present = (v: unknown) => v !== null && v !== undefined && v !== "";

/** Rule: `later` is not before `earlier` (ISO strings compare lexically; a date compares with a datetime by its day). */
export function notBefore(id: string, later: string, earlier: string, message: string): RowRule {
  return {
    id,
    message,
    path: later,
    test: (r) => {
      const a = r[later];
      const b = r[earlier];
      if (typeof a !== "string" || typeof b !== "string") return true;
      if (a.length === b.length) return a >= b;
      const n = Math.min(a.length, b.length);
      return a.slice(0, n) >= b.slice(0, n);
    }
  };
}

/** Warning rule: when `field` has a value, `expected` should have one too (the row is kept either way). */
export function expects(id: string, field: string, when: (v: unknown) => boolean, expected: string, message: string): RowRule {
  return { id, message, path: expected, warn: true, test: (r) => !(present(r[field]) && when(r[field])) || present(r[expected]) };
}

/**
 * The record id of a row: the id field itself, or for sources with `idParts` the normalized part values
 * joined with "|" (absent parts as empty strings), e.g. `item|2024-03-05|许昌日报|魏都区城管局开展…`.
 */
export function recordId(schema: SourceSchema, row: Record<string, unknown>): string {
  if (!schema.idParts) return String(row[schema.idField] ?? "");
  return schema.idParts.map((p) => (row[p] === null || row[p] === undefined ? "" : String(row[p]))).join("|");
}
