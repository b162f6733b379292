import { platform } from "./platform.ts";
import { cases } from "./cases.ts";
import { documents } from "./documents.ts";
import { review } from "./review.ts";
import { hotline } from "./hotline.ts";
import { publicity } from "./publicity.ts";
import { training } from "./training.ts";
import type { SourceId, SourceSchema } from "./types.ts";
import type { z } from "zod";

export type { FieldSpec, FieldType, PersonalKind, RowRule, SourceId, SourceSchema } from "./types.ts";
export { recordId, type RowOf } from "./define.ts";
export { isValidIdNumber, isValidUscc, isMobileNumber, idCheckChar, usccCheckChar, orgCodeCheckChar } from "./identifiers.ts";
export { PlanFile, PlanTarget } from "./plan.ts";
export { platform, cases, documents, review, hotline, publicity, training };

export type PlatformRow = z.infer<typeof platform.row>;
export type CaseRow = z.infer<typeof cases.row>;
export type DocumentRow = z.infer<typeof documents.row>;
export type ReviewRow = z.infer<typeof review.row>;
export type HotlineRow = z.infer<typeof hotline.row>;
export type PublicityRow = z.infer<typeof publicity.row>;
export type TrainingRow = z.infer<typeof training.row>;

export const SOURCE_IDS: readonly SourceId[] = ["platform", "cases", "documents", "review", "hotline", "publicity", "training"];

/** All source schemas, keyed by source id. */
export const SOURCES: Readonly<Record<SourceId, SourceSchema>> = {
  platform: platform as unknown as SourceSchema,
  cases: cases as unknown as SourceSchema,
  documents: documents as unknown as SourceSchema,
  review: review as unknown as SourceSchema,
  hotline: hotline as unknown as SourceSchema,
  publicity: publicity as unknown as SourceSchema,
  training: training as unknown as SourceSchema
};

/** Map a header cell to a field name of `schema` (NFKC, whitespace removed), or undefined. */
export function fieldForHeader(schema: SourceSchema, header: string): string | undefined {
  const key = normalizeHeader(header);
  for (const f of schema.fields) if (f.aliases.some((a) => normalizeHeader(a) === key)) return f.name;
  return undefined;
}

export function normalizeHeader(h: string): string {
  return h.normalize("NFKC").replace(/[\s\u3000*＊]/g, "");
}
