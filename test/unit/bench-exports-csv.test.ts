import Papa from "papaparse";
import {expect, test} from "vitest";
import {csvLines} from "../../scripts/bench/exports-csv.ts";

test("the floor's CSV is written byte for byte as Papa.unparse writes it", () => {
  const rows = [
    ["编号", "问题描述", "状态"],
    ["2024031604812", 'say "hi", twice', "结案　"],
    [" leading", "trailing ", "line\nbreak"],
    ["\ufeffbom", "cr\rhere", null],
    [12.5, true, ""],
    ["tab\tinside", "全角，逗号", "a,b"]
  ];
  expect(csvLines(rows)).toBe(Papa.unparse(rows, {newline: "\n"}) + "\n");
});
