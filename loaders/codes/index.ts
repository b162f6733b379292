/**
 * The typed reader of the bureau's code lists (data/codes/*.yaml): the lists are data, not code. What the program
 * needs of them is in schema.ts; the metrics the dashboard computes are in metrics.ts.
 */
export type {AttributeValue, Category, CodeEntry, CodeList, CodeListId, ProblemType} from "./types.ts";
export {CODE_LIST_IDS} from "./types.ts";
export {ATTRIBUTES, PLATFORM_STAGE_NAMES, PLATFORM_STAGES, REQUIRED_CODES, type PlatformStage} from "./schema.ts";
export {
  byCode,
  byName,
  categoriesOf,
  categoryByCode,
  closestEntry,
  CODES_ENV,
  codesOf,
  codesWith,
  defaultCodeBook,
  defaultCodesDir,
  findCategory,
  HEADERS_FILE,
  loadCodeBook,
  nameSimilarity,
  nameOf,
  normalizeName,
  resolveCode,
  type Closest,
  type CodeBook
} from "./book.ts";
export {METRICS, LARGE_FINE_THRESHOLD, metricById, type MetricDef} from "./metrics.ts";
