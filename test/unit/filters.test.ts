import {describe, expect, test} from "vitest";
import {describeFilters, where} from "../../src/components/filters.ts";

const dims = [
  {key: "year", column: "month", kind: "year" as const},
  {key: "street", column: "street"},
  {key: "major", column: "major"}
];

describe("filter WHERE clauses", () => {
  test("no filter gives no clause", () => {
    expect(where({year: null, street: null}, dims)).toEqual({sql: "", params: []});
  });
  test("values become parameters, never SQL text", () => {
    expect(where({year: 2024, street: "西大街道'; DROP TABLE x; --"}, dims)).toEqual({
      sql: "WHERE month BETWEEN ? AND ? AND street = ?",
      params: ["2024-01", "2024-12", "西大街道'; DROP TABLE x; --"]
    });
  });
  test("a chart omits its own dimension (cross-filtering)", () => {
    expect(where({year: 2024, street: "西大街道", major: "街面秩序"}, dims, {omit: ["street"]}).params).toEqual(["2024-01", "2024-12", "街面秩序"]);
  });
  test("the same filters a year earlier", () => {
    expect(where({year: 2024}, dims, {shiftYears: -1}).params).toEqual(["2023-01", "2023-12"]);
  });
  test("a caption of the filters in Chinese", () => {
    expect(describeFilters({year: 2024, street: "西大街道", major: null}, {street: "街道"})).toBe("2024年 · 街道：西大街道");
    expect(describeFilters({year: null})).toBe("全部数据");
  });
});

test("a year on an integer YYYYMM column", () => {
  expect(where({year: 2024}, [{key: "year", column: "ym", kind: "ym"}])).toEqual({sql: "WHERE ym BETWEEN ? AND ?", params: [202401, 202412]});
});
