import {expect, test} from "vitest";
import {numericColumns} from "../../src/components/card.ts";

test("a column of numbers with empty cells is numeric as a whole; text or all-empty columns are not", () => {
  const rows = [
    {year: "2023", count: 12, rate: null, note: null, mixed: 1},
    {year: "2024", count: null, rate: 0.5, note: null, mixed: "一"}
  ];
  const columns = ["year", "count", "rate", "note", "mixed"].map((key) => ({key, label: key}));
  expect([...numericColumns(rows, columns)]).toEqual(["count", "rate"]);
});
