import { z } from "zod";
import { metricById } from "../codes/metrics.ts";

export const PlanTarget = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1),
    target: z.number().finite(),
    unit: z.string().min(1),
    direction: z.enum(["higher", "lower"]),
    metric: z.string().regex(/^[a-z][a-z0-9_]*$/),
    note: z.string().optional()
  })
  .strict()
  .refine((t) => metricById(t.metric) !== undefined, { message: "unknown metric id", path: ["metric"] });

/** A yearly plan file: data/plan/<year>.yaml. */
export const PlanFile = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().min(1),
    source: z.string().optional(),
    targets: z.array(PlanTarget).min(1)
  })
  .strict()
  .refine((p) => new Set(p.targets.map((t) => t.id)).size === p.targets.length, { message: "duplicate target id", path: ["targets"] });

export type PlanTarget = z.infer<typeof PlanTarget>;
export type PlanFile = z.infer<typeof PlanFile>;
