import * as Plot from "npm:@observablehq/plot";
import {SEQUENTIAL, formatTick} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

export const WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/** Reports by weekday (1 = Monday … 7 = Sunday) and hour of day. */
export function weekdayHourHeatmap(data: {weekday: number; hour: number; n: number}[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width: chartWidth(width),
    height: 240,
    marginLeft: 40,
    padding: 0.05,
    x: {label: "时", domain: Array.from({length: 24}, (_, i) => i), tickFormat: (h: number) => (h % 3 === 0 ? String(h) : "")},
    y: {label: null, domain: WEEKDAYS},
    color: {scheme: SEQUENTIAL, legend: true, label: "上报数", tickFormat: formatTick},
    marks: [
      Plot.cell(data, {x: "hour", y: (d) => WEEKDAYS[d.weekday - 1], fill: "n", inset: 0.5, title: (d) => `${WEEKDAYS[d.weekday - 1]} ${d.hour}时：${formatNumber(d.n)} 件`})
    ]
  });
}
