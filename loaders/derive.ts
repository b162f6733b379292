/**
 * Values the loader computes rather than reads (schema fields with `derived`), from a normalized row and the code
 * book: the composed record id of sources without an id column, the lifecycle stage of a 数字城管 case, whether a hotline
 * work order is done, a case's status. Timestamps decide first; a status only says what the times cannot.
 */
import {byCode, codesWith, type CodeBook, type PlatformStage} from "./codes/index.ts";
import type {Note} from "./findings.ts";
import {recordId, type SourceSchema} from "./schema/index.ts";

/** How far along each stage is: a status says more than the times only when it is further along (or 作废). */
const STAGE_ORDER: Record<PlatformStage, number> = {reported: 0, not_filed: 0.5, registered: 1, dispatched: 2, handled: 3, closed: 4, void: 5};

/** The stage the times of a 数字城管 row show: the last one reached (作废 overrides). */
export function stageOfTimes(row: Record<string, unknown>): PlatformStage {
  if (row.voided_at) return "void";
  if (row.closed_at) return "closed";
  if (row.handled_at) return "handled";
  if (row.dispatched_at) return "dispatched";
  if (row.registered_at) return "registered";
  return "reported";
}

export type Deriver = (row: Record<string, unknown>, notes: Note[] | null) => Note[] | null;

/**
 * Compiles the derivation for one source and the columns one file has (a 当前阶段 the file lacks, as a column or in a
 * row, is filled from the times, with a warning note). Mutates the row; returns the notes, with any added.
 */
export function compileDeriver(schema: SourceSchema, book: CodeBook, columns: ReadonlySet<string>): Deriver {
  const steps: Deriver[] = [];
  if (schema.idParts) steps.push((row, notes) => ((row[schema.idField] = recordId(schema, row)), notes));
  if (schema.source === "platform") {
    const stageOfStatus = (status: unknown): PlatformStage | undefined =>
      typeof status === "string" ? (byCode(book, "platform_status", status)?.attributes?.stage as PlatformStage | undefined) : undefined;
    const derivedStatus: Note = {
      kind: "warning",
      code: "status_derived",
      field: "status",
      message: columns.has("status") ? "当前阶段为空，已由立案、派遣、处置完成、结案、作废时间推定" : "导出中没有“当前阶段”列，已由立案、派遣、处置完成、结案、作废时间推定"
    };
    const statusOfStage = new Map<PlatformStage, string>();
    for (const stage of Object.keys(STAGE_ORDER) as PlatformStage[]) {
      const code = codesWith(book, "platform_status", "stage", stage)[0];
      if (code) statusOfStage.set(stage, code);
    }
    steps.push((row, notes) => {
      const times = stageOfTimes(row);
      const said = stageOfStatus(row.status);
      // the status fills in what the times cannot say: 作废 without a 作废时间 column, or a stage whose time is missing
      const stage = said === "void" || (said !== undefined && STAGE_ORDER[said] > STAGE_ORDER[times]) ? said : times;
      row.stage = stage;
      if (row.status !== null) return notes;
      row.status = statusOfStage.get(stage) ?? null;
      return [...(notes ?? []), derivedStatus];
    });
  }
  if (schema.source === "hotline") {
    const done = new Set(codesWith(book, "hotline_status", "completed", true));
    steps.push((row, notes) => ((row.completed = Boolean(row.closed_at) || (typeof row.status === "string" && done.has(row.status))), notes));
  }
  if (schema.source === "cases") {
    // 案件状态 is optional in the register; the schema says a missing one follows from 结案日期
    steps.push((row, notes) => {
      if (row.status === null) row.status = row.closed_on ? "closed" : "open";
      return notes;
    });
  }
  return (row, notes) => {
    for (const step of steps) notes = step(row, notes);
    return notes;
  };
}
