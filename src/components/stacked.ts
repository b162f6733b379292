import * as Plot from "npm:@observablehq/plot";
import {PALETTE, formatTick} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

/** Vertical stacked bars: one bar per `x` (a year or month), stacked by `group`. */
export function stackedBars(data: {x: string; group: string; n: number}[], {width, groups, yLabel, height = 260}: {width: number; groups?: string[]; yLabel?: string; height?: number}): SVGSVGElement | HTMLElement {
  const domain = groups ?? [...new Set(data.map((d) => d.group))];
  return Plot.plot({
    width: chartWidth(width),
    height,
    marginLeft: 48,
    x: {type: "band", label: null, tickRotate: width < 500 ? -45 : 0},
    y: {label: yLabel ?? null, grid: true, tickFormat: formatTick},
    color: {domain, range: PALETTE, legend: true},
    marks: [
      Plot.barY(data, {x: "x", y: "n", fill: "group", title: (d) => `${d.x} ${d.group}：${formatNumber(d.n)}`}),
      Plot.ruleY([0])
    ]
  });
}
