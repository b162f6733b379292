import {describe, expect, test} from "vitest";
import {numberCodec, readParam, stringCodec, withParam} from "../../src/components/url-state.ts";

describe("URL filter state", () => {
  test("sets, replaces and removes one parameter, keeping the others", () => {
    expect(withParam("", "year", "2024")).toBe("?year=2024");
    expect(withParam("?year=2024&street=411002001", "year", "2023")).toBe("?year=2023&street=411002001");
    expect(withParam("?year=2024&street=411002001", "street", null)).toBe("?year=2024");
    expect(withParam("?year=2024", "year", null)).toBe("");
  });
  test("Chinese values round-trip", () => {
    const search = withParam("", "category", "街面秩序");
    expect(readParam(search, "category", stringCodec, null)).toBe("街面秩序");
  });
  test("missing or malformed values fall back", () => {
    expect(readParam("", "year", numberCodec, 2024)).toBe(2024);
    expect(readParam("?year=abc", "year", numberCodec, 2024)).toBe(null);
    expect(readParam("?year=2023", "year", numberCodec, 2024)).toBe(2023);
  });
});
