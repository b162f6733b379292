import {formatDecimal, formatNumber} from "./number-format.js";

/** Okabe–Ito: a categorical palette that stays distinguishable for colour-blind viewers. */
export const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#7f7f7f"];
export const ACCENT = PALETTE[0];
export const MUTED = "#b8c4cf";
export const PREVIOUS = "#9aa5b1";
/** Sequential scheme for heatmaps (perceptually uniform, colour-blind safe). */
export const SEQUENTIAL = "viridis";

/** Axis ticks in zh-CN grouping, with 万 for ten thousands as Chinese readers count. */
export function formatTick(x: number): string {
  if (Math.abs(x) >= 1e5) return `${formatDecimal(x / 1e4)}万`;
  return formatNumber(x);
}
