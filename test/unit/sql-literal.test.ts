import {describe, expect, test} from "vitest";
import {bind, literal} from "../../src/components/sql-literal.ts";

describe("binding parameters as literals", () => {
  test("numbers, text, booleans and null", () => {
    expect(bind("SELECT * FROM t WHERE y = ? AND s = ? AND b = ? AND n IS ?", [2024, "西大街道", true, null])).toBe("SELECT * FROM t WHERE y = 2024 AND s = '西大街道' AND b = TRUE AND n IS NULL");
  });
  test("quotes in values are doubled, so a value cannot end the literal", () => {
    expect(bind("WHERE s = ?", ["a'; DROP TABLE cube; --"])).toBe("WHERE s = 'a''; DROP TABLE cube; --'");
  });
  test("a ? inside a quoted literal or identifier is left alone", () => {
    expect(bind(`SELECT '?' AS "q?", ? AS v`, [1])).toBe(`SELECT '?' AS "q?", 1 AS v`);
  });
  test("counts must match", () => {
    expect(() => bind("? ?", [1])).toThrow();
    expect(() => bind("?", [1, 2])).toThrow();
    expect(() => literal(Number.NaN)).toThrow();
  });
});
