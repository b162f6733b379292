import {describe, expect, test} from "vitest";
import {carriedHref, numberCodec, readParam, stringCodec, withParam} from "../../src/components/url-state.ts";

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
  test("a link to a page with the same filters carries this page's, and only those", () => {
    const keys = ["year", "street", "major", "source"];
    expect(carriedHref("http://intranet/chengguan/hotspot", "?year=2024&street=%E8%A5%BF%E5%85%B3%E8%A1%97%E9%81%93&cell=8940b", keys)).toBe("http://intranet/chengguan/hotspot?year=2024&street=%E8%A5%BF%E5%85%B3%E8%A1%97%E9%81%93");
    // a filter cleared here is cleared there; the target's own parameters stay
    expect(carriedHref("http://intranet/platform?year=2023&street=x&cell=y", "?year=2024", keys)).toBe("http://intranet/platform?year=2024&cell=y");
  });
});
