/**
 * Per-case indicator flags of the digital city-management platform (GB/T 30428-style evaluation), as SQL over the
 * warehouse table `platform`. A case's `stage` is derived at ingest from its timestamps, the status filling in only
 * what the times cannot say (loaders/derive.ts). Each rate on the dashboard is a sum of one flag over a sum of another,
 * so the same definitions serve row-level drill-downs, the pre-aggregated cubes the browser filters, the bulletin and
 * the plan targets.
 */

/** Minutes from 立案 within which a dispatch counts as on time (按期派遣). */
export const DISPATCH_LIMIT_MINUTES = 60;

const REGISTERED = `stage IN ('registered', 'dispatched', 'handled', 'closed')`;
const DISPATCHED = `stage IN ('dispatched', 'handled', 'closed')`;

export const PLATFORM_FLAGS = {
  /** 有效上报: every report except void ones. */
  valid: `stage <> 'void'`,
  /** 立案 */
  registered: REGISTERED,
  /** 应派遣 = 立案 */
  dispatch_due: REGISTERED,
  dispatched_on_time: `${REGISTERED} AND dispatched_at IS NOT NULL AND registered_at IS NOT NULL AND dispatched_at <= registered_at + INTERVAL ${DISPATCH_LIMIT_MINUTES} MINUTE`,
  /** 应处置 = 已派遣 */
  handle_due: DISPATCHED,
  handled_on_time: `${DISPATCHED} AND handled_at IS NOT NULL AND due_at IS NOT NULL AND handled_at <= due_at`,
  extended: `${DISPATCHED} AND coalesce(extension_count, 0) > 0`,
  /** 应结案 = 立案 */
  close_due: REGISTERED,
  closed: `stage = 'closed'`,
  closed_on_time: `stage = 'closed' AND handled_at IS NOT NULL AND due_at IS NOT NULL AND handled_at <= due_at`,
  reworked: `${REGISTERED} AND coalesce(rework_count, 0) > 0`
} as const;

export type PlatformFlag = keyof typeof PLATFORM_FLAGS;
export const FLAG_NAMES = Object.keys(PLATFORM_FLAGS) as PlatformFlag[];

/** Hours from dispatch to handling, for handled cases; null otherwise. */
export const HANDLING_HOURS = `CASE WHEN stage <> 'void' AND handled_at IS NOT NULL AND dispatched_at IS NOT NULL THEN date_diff('minute', dispatched_at, handled_at) / 60.0 END`;

/** `SUM(flag)` columns for a GROUP BY over `platform`. */
export function flagSums(flags: readonly PlatformFlag[] = FLAG_NAMES): string {
  return flags.map((f) => `count(*) FILTER (WHERE ${PLATFORM_FLAGS[f]})::INTEGER AS ${f}`).join(",\n  ");
}

/** A rate's numerator and denominator, by flag. */
export const PLATFORM_RATES = {
  registration_rate: ["registered", "valid"],
  ontime_dispatch_rate: ["dispatched_on_time", "dispatch_due"],
  ontime_handle_rate: ["handled_on_time", "handle_due"],
  close_rate: ["closed", "close_due"],
  ontime_close_rate: ["closed_on_time", "close_due"],
  rework_rate: ["reworked", "close_due"],
  extension_rate: ["extended", "handle_due"]
} as const satisfies Record<string, readonly [PlatformFlag, PlatformFlag]>;
