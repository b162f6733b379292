import * as Plot from "npm:@observablehq/plot";
import {PALETTE} from "./palette.js";
import {chartWidth} from "./chart-width.js";
import {formatNumber} from "./number-format.js";

/**
 * The enforcement ladder (指导书 → 责令改正 → 处罚决定 → 强制执行): one bar per step, in order,
 * with each step's share of the first.
 */
export function ladderChart(steps: {step: string; n: number}[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const first = steps[0]?.n || 1;
  return Plot.plot({
    width: chartWidth(width),
    height: 60 + steps.length * 44,
    marginLeft: Math.min(260, width * 0.4),
    marginRight: 90,
    x: {label: "份数（件）", grid: true},
    y: {label: null, domain: steps.map((d) => d.step)},
    marks: [
      Plot.barX(steps, {x: "n", y: "step", fill: (_d, i) => PALETTE[i % PALETTE.length], title: (d) => `${d.step}：${d.n}`}),
      Plot.text(steps, {x: "n", y: "step", text: (d) => `${formatNumber(d.n)}（${((d.n / first) * 100).toFixed(0)}%）`, dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
