import * as Plot from "npm:@observablehq/plot";
import {ACCENT, MUTED, formatTick} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

export interface BarOptions<T> {
  width: number;
  label: (d: T) => string;
  value: (d: T) => number;
  /** Axis title, e.g. "案件数（件）". */
  valueLabel?: string;
  /** The label currently selected by a cross-filter; other bars are muted. */
  selected?: string | null;
  onSelect?: (label: string | null) => void;
  format?: (x: number) => string;
  limit?: number;
  marginLeft?: number;
  /** Keep the data's order (bands, buckets) instead of sorting by value. */
  keepOrder?: boolean;
}

/**
 * Horizontal bars sorted by value, for categories with long Chinese names. Clicking a bar
 * reports its label (or null when the selected bar is clicked again).
 */
export function barChart<T>(data: T[], options: BarOptions<T>): SVGSVGElement | HTMLElement {
  const {width, label, value, valueLabel, selected = null, onSelect, format = formatNumber, limit = 20} = options;
  const all = data.map((d) => ({label: label(d), value: value(d)}));
  const rows = (options.keepOrder ? all : all.sort((a, b) => b.value - a.value)).slice(0, limit);
  const longest = Math.max(2, ...rows.map((d) => d.label.length));
  // a narrow or not yet laid-out container (resize() can report a few pixels) must not leave the bars a negative width
  const marginRight = Math.min(60, Math.max(20, Math.round(width * 0.15)));
  const marginLeft = Math.min(options.marginLeft ?? Math.min(200, 14 * longest + 10), Math.max(40, Math.round(width * 0.45)));
  const plotWidth = Math.max(chartWidth(width), marginLeft + marginRight + 40);
  // a label longer than the margin is cut with an ellipsis rather than off the left edge; the bar's title has it whole
  const fits = Math.max(3, Math.floor((marginLeft - 10) / 13));
  const chart = Plot.plot({
    width: plotWidth,
    height: Math.max(80, rows.length * 24 + 40),
    marginLeft,
    marginRight,
    x: {label: valueLabel ?? null, grid: true, tickFormat: formatTick},
    y: {label: null, domain: rows.map((d) => d.label), tickFormat: (d: string) => (d.length > fits ? `${d.slice(0, fits - 1)}…` : d)},
    marks: [
      Plot.barX(rows, {
        x: "value",
        y: "label",
        fill: (d) => (selected == null || d.label === selected ? ACCENT : MUTED),
        title: (d) => `${d.label}：${format(d.value)}`,
        className: "clickable-bar"
      }),
      Plot.text(rows, {x: "value", y: "label", text: (d) => format(d.value), dx: 4, textAnchor: "start", fontSize: 11}),
      Plot.ruleX([0])
    ]
  });
  if (onSelect) {
    const bars = chart.querySelectorAll<SVGRectElement>("g[aria-label=bar] rect");
    bars.forEach((rect, i) => {
      rect.style.cursor = "pointer";
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("role", "button");
      const choose = () => onSelect(rows[i].label === selected ? null : rows[i].label);
      rect.addEventListener("click", choose);
      rect.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") choose();
      });
    });
  }
  return chart;
}
