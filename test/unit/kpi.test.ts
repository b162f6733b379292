import {expect, test} from "vitest";
import {formatChange, pointsChange, relativeChange} from "../../src/components/kpi.ts";

test("year-on-year change in percent or percentage points, with a sign that survives rounding", () => {
  expect(formatChange(0.0523, "relative")).toBe("+5.2%");
  expect(formatChange(-0.108, "relative")).toBe("−10.8%");
  expect(formatChange(-0.00003, "points")).toBe("±0.0 个百分点");
  expect(formatChange(0.25, "points")).toBe("+25.0 个百分点");
});

test("changes on the year before are null when a year has nothing to compare", () => {
  expect(relativeChange(110, 100)).toBeCloseTo(0.1);
  expect(relativeChange(110, 0)).toBeNull();
  expect(relativeChange(110, null)).toBeNull();
  expect(relativeChange(null, 100)).toBeNull();
  expect(pointsChange(0.95, 0.9)).toBeCloseTo(0.05);
  expect(pointsChange(0.95, 0)).toBeCloseTo(0.95);
  expect(pointsChange(undefined, 0.9)).toBeNull();
});
