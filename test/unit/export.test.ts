import {describe, expect, test} from "vitest";
import {neutralize, toCsv, toSheetRows} from "../../src/components/export.ts";

describe("formula neutralization", () => {
  test.each(["=1+1", "+86 123", "-cmd", "@SUM(A1)", "\t=x", "\r=x"])("%j is prefixed", (text) => {
    expect(neutralize(text)).toBe(`'${text}`);
  });
  test("ordinary text, numbers and empties stay as they are", () => {
    expect(neutralize("西大街道")).toBe("西大街道");
    expect(neutralize(-12)).toBe(-12);
    expect(neutralize(null)).toBe(null);
  });
});

describe("CSV export", () => {
  const columns = [{key: "street", label: "街道"}, {key: "n", label: "案件数"}];
  test("starts with a BOM, has a header and one line per row", () => {
    const csv = toCsv([{street: "西大街道", n: 12}, {street: "东大街道", n: 7}], columns);
    expect(csv.startsWith("\ufeff街道,案件数\r\n")).toBe(true);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(3);
  });
  test("quotes commas, quotes and newlines, and neutralizes formulas", () => {
    const csv = toCsv([{street: 'a,"b"\nc', n: 1}, {street: "=HYPERLINK(\"x\")", n: -3}], columns);
    expect(csv).toContain('"a,""b""\nc",1');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-3`);
  });
  test("sheet rows carry the same neutralized values", () => {
    expect(toSheetRows([{street: "@x", n: 2}], columns)).toEqual([["街道", "案件数"], ["'@x", 2]]);
  });
});
