import {DuckDBInstance} from "@duckdb/node-api";
import {expect, test} from "vitest";
import {durationBucket, durationBucketWidth} from "../../loaders/publish/platform.ts";
import {quantileFromBuckets} from "../../src/components/buckets.ts";

test("bands: 1 h to 72 h, 6 h to 240 h, a day to 720 h, then one open band counted as a day", async () => {
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  const hours = [0, 0.5, 71, 71.9, 72, 77.9, 78, 239, 240, 263.9, 264, 719.9, 720, 5000];
  const result = await con.runAndReadAll(
    `SELECT bucket::INTEGER AS bucket, (${durationBucketWidth("bucket")})::INTEGER AS width
     FROM (SELECT (${durationBucket("h")})::INTEGER AS bucket FROM unnest([${hours.join(", ")}]::DOUBLE[]) t(h))`
  );
  const rows = result.getRowObjectsJS() as {bucket: number; width: number}[];
  expect(rows.map((r) => r.bucket)).toEqual([0, 0, 71, 71, 72, 72, 78, 234, 240, 240, 264, 696, 720, 720]);
  expect(rows.map((r) => r.width)).toEqual([1, 1, 1, 1, 6, 6, 6, 6, 24, 24, 24, 24, 24, 24]);
});

test("quantiles interpolate inside the band where the cumulative share crosses them", () => {
  const buckets = [{bucket: 0, width: 1, n: 50}, {bucket: 1, width: 1, n: 30}, {bucket: 2, width: 1, n: 20}];
  expect(quantileFromBuckets(buckets, 0.5)).toBe(1);
  expect(quantileFromBuckets(buckets, 0.9)).toBeCloseTo(2.5);
  expect(quantileFromBuckets([{bucket: 72, width: 6, n: 10}], 0.5)).toBeCloseTo(75);
  expect(quantileFromBuckets([], 0.5)).toBeNull();
});
