import * as Plot from "npm:@observablehq/plot";
import type {DurationBand} from "./buckets.js";
import {ACCENT, formatTick} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

/**
 * Handling-time bands drawn at their true width; the bands widen past 72 hours, so the height is cases per hour of
 * the band (its area is its count). Vertical rules at the median and the 90th percentile.
 */
export function durationHistogram(data: DurationBand[], {width, median, p90, label = "处置时长（小时）"}: {width: number; median: number | null; p90: number | null; label?: string}): SVGSVGElement | HTMLElement {
  const marks = [
    Plot.rectY(data, {
      x1: "bucket",
      x2: (d) => d.bucket + d.width,
      y: (d) => d.n / d.width,
      fill: ACCENT,
      title: (d) => `${d.bucket}–${d.bucket + d.width} 小时：${formatNumber(d.n)} 件`
    }),
    Plot.ruleY([0])
  ];
  const rules = [
    ...(median != null ? [{x: median, text: `中位数 ${median.toFixed(1)} 小时`, dy: 6}] : []),
    ...(p90 != null ? [{x: p90, text: `90 分位数 ${p90.toFixed(1)} 小时`, dy: 22}] : [])
  ];
  return Plot.plot({
    width: chartWidth(width),
    height: 240,
    marginLeft: 56,
    x: {label, type: "linear"},
    y: {label: "每小时案卷数", grid: true, tickFormat: formatTick},
    marks: [...marks, Plot.ruleX(rules, {x: "x", stroke: "#d55e00", strokeDasharray: "4,2"}), ...rules.map((r) => Plot.text([r], {x: "x", text: "text", frameAnchor: "top", dx: 4, dy: r.dy, textAnchor: "start", fill: "#d55e00", fontSize: 11}))]
  });
}
