import {expect, test} from "vitest";
import {bucketWidth, quantileFromBuckets} from "../../src/components/buckets.ts";

test("bucket widths follow the cube: 1 h to 72 h, 6 h to 240 h, then a day", () => {
  expect([0, 71, 72, 239, 240, 720].map(bucketWidth)).toEqual([1, 1, 6, 6, 24, 24]);
});

test("quantiles interpolate inside the bucket where the cumulative share crosses them", () => {
  const buckets = [{bucket: 0, n: 50}, {bucket: 1, n: 30}, {bucket: 2, n: 20}];
  expect(quantileFromBuckets(buckets, 0.5)).toBe(1);
  expect(quantileFromBuckets(buckets, 0.9)).toBeCloseTo(2.5);
  expect(quantileFromBuckets([{bucket: 72, n: 10}], 0.5)).toBeCloseTo(75);
  expect(quantileFromBuckets([], 0.5)).toBeNull();
});
