import * as Plot from "npm:@observablehq/plot";
import {PALETTE, PREVIOUS, formatTick} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

export interface MonthValue {
  /** "YYYY-MM" */
  month: string;
  value: number | null;
  series?: string;
}

export const monthDate = (key: string): Date => new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1));
const shiftYear = (key: string, years: number) => `${Number(key.slice(0, 4)) + years}${key.slice(4)}`;

/** Pixels an axis label such as "2026年10月" needs at Plot's 10 px font, with room between neighbours. */
const MONTH_LABEL_PX = 72;
/** Tick steps in months, each aligned to January (every 3: January, April, July, October). */
const MONTH_STEPS = [1, 2, 3, 4, 6, 12, 24, 60];

/**
 * The smallest tick step (in months, from MONTH_STEPS) whose labels fit side by side in `px` pixels of axis for a
 * span of `months` months (first to last, both counted); the largest step if none fits.
 */
export function monthTickStep(months: number, px: number): number {
  const fits = (step: number) => (Math.floor((Math.max(1, months) - 1) / step) + 1) * MONTH_LABEL_PX <= px;
  return MONTH_STEPS.find(fits) ?? MONTH_STEPS[MONTH_STEPS.length - 1];
}

const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** Plot's name of a tick interval of `step` months; years from 12 on (an every-24-months interval restarts each year). */
const monthInterval = (step: number): string =>
  step % 12 === 0 ? (step === 12 ? "year" : `${step / 12} years`) : step === 1 ? "month" : `${step} months`;

export interface TrendOptions {
  width: number;
  yLabel?: string;
  /** Values of the year before, drawn dashed under the months they compare with. */
  previous?: MonthValue[];
  percent?: boolean;
  height?: number;
}

/** Monthly values as lines, one per series, optionally over the same months a year earlier. */
export function trendChart(data: MonthValue[], {width, yLabel, previous = [], percent = false, height = 260}: TrendOptions): SVGSVGElement | HTMLElement {
  const rows = data.filter((d) => d.value != null).map((d) => ({...d, date: monthDate(d.month), series: d.series ?? "本期"}));
  const prior = previous.filter((d) => d.value != null).map((d) => ({...d, date: monthDate(shiftYear(d.month, 1)), series: "上年同期"}));
  const series = [...new Set(rows.map((d) => d.series))];
  const format = (v: number) => (percent ? `${(v * 100).toFixed(1)}%` : formatNumber(v));
  const dates = [...rows, ...prior].map((d) => monthIndex(d.date));
  const months = dates.length ? Math.max(...dates) - Math.min(...dates) + 1 : 1;
  const marginLeft = 56;
  // half a label, so that one on the last month is not cut at the right edge
  const marginRight = MONTH_LABEL_PX / 2;
  const step = monthTickStep(months, chartWidth(width) - marginLeft - marginRight);
  return Plot.plot({
    width: chartWidth(width),
    height,
    marginLeft,
    marginRight,
    x: {type: "utc", label: null, tickFormat: "%Y年%-m月", ticks: monthInterval(step)},
    y: {label: yLabel ?? null, grid: true, zero: !percent, tickFormat: percent ? ".0%" : formatTick},
    color: {domain: [...series, ...(prior.length ? ["上年同期"] : [])], range: [...PALETTE.slice(0, series.length), PREVIOUS], legend: series.length > 1 || prior.length > 0},
    marks: [
      Plot.lineY(prior, {x: "date", y: "value", stroke: "series", strokeDasharray: "4,3", strokeWidth: 1.5}),
      Plot.lineY(rows, {x: "date", y: "value", stroke: "series", strokeWidth: 2}),
      Plot.dot(rows, {x: "date", y: "value", fill: "series", r: 2}),
      Plot.tip([...rows, ...prior], Plot.pointerX({x: "date", y: "value", stroke: "series", title: (d) => `${d.month.slice(0, 4)}年${Number(d.month.slice(5))}月 ${d.series}\n${format(d.value!)}`}))
    ]
  });
}

/** Yearly rates as lines over years, with an optional target drawn as a dashed rule. */
export function yearlyRates(data: {year: number; value: number | null; series: string}[], {width, target, targetLabel = "目标", height = 240}: {width: number; target?: number | null; targetLabel?: string; height?: number}): SVGSVGElement | HTMLElement {
  const rows = data.filter((d) => d.value != null);
  const series = [...new Set(data.map((d) => d.series))];
  const years = [...new Set(data.map((d) => d.year))].sort();
  return Plot.plot({
    width: chartWidth(width),
    height,
    marginLeft: 48,
    x: {type: "point", domain: years, label: null, tickFormat: (y: number) => `${y}年`, inset: 20},
    y: {label: "比率", grid: true, domain: [0, 1], tickFormat: ".0%"},
    color: {domain: series, range: PALETTE, legend: true},
    marks: [
      target != null ? Plot.ruleY([target], {stroke: PREVIOUS, strokeDasharray: "4,3"}) : null,
      target != null ? Plot.text([target], {y: (d: number) => d, text: () => `${targetLabel} ${(target * 100).toFixed(0)}%`, frameAnchor: "right", dy: -6, fill: "#666", fontSize: 11}) : null,
      Plot.lineY(rows, {x: "year", y: "value", stroke: "series", strokeWidth: 2}),
      Plot.dot(rows, {x: "year", y: "value", fill: "series", r: 3.5, title: (d) => `${d.year}年 ${d.series}：${((d.value ?? 0) * 100).toFixed(1)}%`}),
      Plot.text(rows, {x: "year", y: "value", text: (d) => `${((d.value ?? 0) * 100).toFixed(0)}%`, dy: -10, fontSize: 11, fill: "series"})
    ]
  });
}
