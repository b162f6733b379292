import {expect, test} from "vitest";
import {formatChange} from "../../src/components/kpi.ts";

test("year-on-year change in percent or percentage points, with a sign that survives rounding", () => {
  expect(formatChange(0.0523, "relative")).toBe("+5.2%");
  expect(formatChange(-0.108, "relative")).toBe("−10.8%");
  expect(formatChange(-0.00003, "points")).toBe("±0.0 个百分点");
  expect(formatChange(0.25, "points")).toBe("+25.0 个百分点");
});
