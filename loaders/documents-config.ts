/**
 * The bureau's settings for the Word documents (data/documents.yaml): who issues them, the bulletin's 按期结案率
 * standard and the weights of its 综合指标值. Read with readYamlFile, so a fault names the file and the line.
 */
import {resolve} from "node:path";
import {z} from "zod";
import {PLATFORM_RATES} from "./metrics/platform.ts";
import {readYamlFile} from "./yaml-file.ts";

export const DOCUMENTS_CONFIG_ENV = "CHENGGUAN_DOCUMENTS_CONFIG";
export const DOCUMENTS_CONFIG_FILE = "data/documents.yaml";

const RATE_KEYS = Object.keys(PLATFORM_RATES) as [keyof typeof PLATFORM_RATES, ...(keyof typeof PLATFORM_RATES)[]];

const Weight = z
  .object({
    indicator: z.enum(RATE_KEYS),
    weight: z.number().positive().max(100)
  })
  .strict();

export const DocumentSettings = z
  .object({
    report: z.object({issuer: z.string().min(1)}).strict(),
    bulletin: z
      .object({
        issuer: z.string().min(1),
        /** 主送机关, the line above the body. */
        recipients: z.string().min(1).optional(),
        /** 按期结案率 standard, in percent. */
        threshold: z.number().min(0).max(100),
        /** 综合指标值 weights in percent, summing to 100; none: no composite score. */
        composite: z
          .array(Weight)
          .min(1)
          .refine((list) => new Set(list.map((w) => w.indicator)).size === list.length, {message: "同一指标出现了两次"})
          .refine((list) => Math.abs(list.reduce((s, w) => s + w.weight, 0) - 100) < 1e-9, {message: "权重之和必须为 100"})
          .optional()
      })
      .strict()
  })
  .strict();

export type DocumentSettings = z.infer<typeof DocumentSettings>;
export type CompositeWeight = z.infer<typeof Weight>;

/**
 * Reads data/documents.yaml (or `$CHENGGUAN_DOCUMENTS_CONFIG`).
 * @throws ConfigError (Chinese, naming the file and the line) when the file is missing or invalid
 */
export function readDocumentSettings(file = process.env[DOCUMENTS_CONFIG_ENV] || DOCUMENTS_CONFIG_FILE): DocumentSettings {
  return readYamlFile(resolve(file), DocumentSettings, file);
}
