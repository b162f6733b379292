/** The plan page's pieces: a target card (actual, progress, status) and its month-by-month path. */
import * as Plot from "npm:@observablehq/plot";
import {ACCENT, PREVIOUS} from "./palette.js";
import type {TargetReport, TargetStatus} from "../../loaders/publish/plan.ts";
import {progressBar} from "./progress.js";
import {monthDate} from "./trend.js";
import {formatNumber, formatValue} from "./number-format.js";
import {chartWidth} from "./chart-width.js";

export {formatValue};

export type PlanTarget = TargetReport;

const statusClass = (s: TargetStatus) => (s === "达标" ? "status-ok" : s === "滞后" ? "status-behind" : s === "进行中" ? "status-progress" : "");

function text(tag: string, content: string, className = ""): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

/** A y-range around the target and the actuals, so a flat 100% line is not drawn at the edge of an empty axis. */
function percentDomain(t: PlanTarget, actuals: number[]): [number, number] {
  const low = Math.min(t.target, ...actuals);
  const high = Math.max(t.target, ...actuals);
  return [Math.max(0, Math.floor(low - 5)), Math.min(100, Math.ceil(high + 2))];
}

export function pathChart(t: PlanTarget, {width}: {width: number}): SVGSVGElement | HTMLElement {
  const rows = t.path.filter((d) => d.actual != null).map((d) => ({...d, date: monthDate(d.month)}));
  const pace = t.path.filter((d) => d.pace != null).map((d) => ({...d, date: monthDate(d.month)}));
  return Plot.plot({
    width: chartWidth(width),
    height: 160,
    marginLeft: 48,
    x: {type: "utc", label: null, tickFormat: "%-m月", ticks: 6},
    y: t.unit === "%" ? {label: "%", grid: true, domain: percentDomain(t, rows.map((d) => d.actual!)), tickFormat: (d: number) => d.toFixed(0)} : {label: t.unit, grid: true, zero: true},
    marks: [
      t.unit === "%" ? Plot.ruleY([t.target], {stroke: PREVIOUS, strokeDasharray: "4,3"}) : Plot.lineY(pace, {x: "date", y: "pace", stroke: PREVIOUS, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "date", y: "actual", stroke: ACCENT, strokeWidth: 2}),
      Plot.dot(rows, {x: "date", y: "actual", fill: ACCENT, r: 2.5, title: (d) => `${d.month}：${formatValue(d.actual, t.unit)}`})
    ]
  });
}

export function targetCard(t: PlanTarget, chart: Element | null): HTMLElement {
  const card = document.createElement("div");
  card.className = "card plan-target";
  card.dataset.target = t.id;
  const head = document.createElement("div");
  head.className = "card-head";
  head.append(text("h2", t.name), text("span", t.status, `status ${statusClass(t.status)}`));
  card.append(head);
  card.append(text("div", `实际 ${formatValue(t.actual, t.unit)} / 目标 ${t.direction === "lower" ? "≤" : "≥"} ${formatValue(t.target, t.unit)}`, "big-line"));
  card.append(progressBar(t.progress, t.status));
  if (t.denominator != null) card.append(text("div", `${t.metricName ?? t.metric}：${formatNumber(t.numerator ?? 0)} / ${formatNumber(t.denominator)}（${t.definition ?? ""}）`, "kpi-note"));
  else if (t.definition) card.append(text("div", `${t.metricName}：${t.definition}`, "kpi-note"));
  if (t.message) card.append(text("div", t.message, "kpi-note status-behind"));
  if (t.note) card.append(text("div", t.note, "kpi-note"));
  if (chart) card.append(chart);
  return card;
}
