import {expect, test} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {METRICS} from "../../loaders/codes/metrics.ts";
import {FLAG_NAMES, PLATFORM_RATES} from "../../loaders/metrics/platform.ts";
import {INDICATORS} from "../../src/components/platform-data.ts";
import {inLevelOrder, NO_LEVEL} from "../../src/components/publicity-data.ts";

test("the platform page's indicators are the loaders' rates, under the metric list's names", () => {
  expect(INDICATORS.map((i) => i.key)).toEqual(Object.keys(PLATFORM_RATES));
  for (const i of INDICATORS) {
    expect([i.numerator, i.denominator], i.key).toEqual(PLATFORM_RATES[i.key]);
    expect(i.label, i.key).toBe(METRICS.find((m) => m.id === i.key)?.name);
    expect(FLAG_NAMES).toContain(i.numerator);
  }
});

test("publicity levels come in the code list's order, and levels outside it are kept rather than dropped", () => {
  const order = defaultCodeBook().lists.publicity_level.entries.map((e) => e.name);
  const counts = new Map([
    ["区级", 5],
    [NO_LEVEL, 2],
    ["国家级", 1],
    ["乡镇级", 3]
  ]);
  const levels = inLevelOrder(counts, order);
  expect(levels).toEqual([
    {level: "国家级", n: 1},
    {level: "省级", n: 0},
    {level: "市级", n: 0},
    {level: "区级", n: 5},
    {level: "乡镇级", n: 3},
    {level: NO_LEVEL, n: 2}
  ]);
  expect(levels.reduce((s, d) => s + d.n, 0)).toBe(11);
});
