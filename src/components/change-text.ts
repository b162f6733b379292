/**
 * Changes on an earlier period written out in words, as the bureau's reports put them: "增加12份（增长10.7%）",
 * "提高1.2个百分点". The changes themselves are kpi.ts's, as on the pages' KPI cards.
 */
import {pointsChange, relativeChange} from "./kpi.js";
import {formatDecimal, formatInteger} from "./number-format.js";

type Figure = number | null | undefined;

/** A count's change: "增加12份（增长10.7%）", "减少3件（下降20%）", "持平"; null when there is nothing to compare. */
export function countChangeText(now: Figure, before: Figure, unit: string): string | null {
  if (now == null || before == null) return null;
  const difference = now - before;
  if (difference === 0) return "持平";
  const relative = relativeChange(now, before);
  const share = relative == null ? "" : `（${difference > 0 ? "增长" : "下降"}${formatDecimal(Math.abs(relative) * 100)}%）`;
  return `${difference > 0 ? "增加" : "减少"}${formatInteger(Math.abs(difference))}${unit}${share}`;
}

/** A rate's change in percentage points: "提高1.2个百分点", "下降0.4个百分点", "持平"; null when either is missing. */
export function rateChangeText(now: Figure, before: Figure): string | null {
  const points = pointsChange(now, before);
  if (points == null) return null;
  const tenths = Math.round(points * 1000);
  if (tenths === 0) return "持平";
  return `${tenths > 0 ? "提高" : "下降"}${formatDecimal(Math.abs(tenths) / 10)}个百分点`;
}
