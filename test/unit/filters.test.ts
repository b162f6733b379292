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

test("the warm-up's view: the default year and each filter's first choice, or none where a list is empty", async () => {
  const {firstChoices} = await import("../../src/components/filters.ts");
  expect(firstChoices({years: [2024, 2026, 2025], streets: ["文峰街道", "西关街道"], majors: ["街面秩序"], sources: []})).toEqual({year: 2026, street: "文峰街道", major: "街面秩序", source: null});
  expect(firstChoices({years: [], streets: [], majors: [], sources: []})).toEqual({year: null, street: null, major: null, source: null});
});
