import {describe, expect, it} from "vitest";
import {formatDate, formatDateTime, monthOfFileName, parseDate, parseDateParts, parseDateTime} from "../../loaders/parse/dates.ts";
import {parseBoolean, parseInteger, parseNumber} from "../../loaders/parse/numbers.ts";
import {halfWidth, normalizeText, normalizeToken} from "../../loaders/parse/text.ts";
import {BOOLEAN_CASES, DATETIME_CASES, EMPTY_CELLS, INTEGER_CASES, INVALID_BOOLEANS, INVALID_DATES, INVALID_NUMBERS, NUMBER_CASES, TWELVE_HOUR_CASES} from "./parse-fixtures.ts";

const value = <T>(p: {ok: true; value: T | null} | {ok: false}) => (p.ok ? p.value : "FAIL");

describe("parse: dates", () => {
  it.each(DATETIME_CASES)("%s -> %s", (input, expected) => {
    expect(value(parseDateTime(input))).toBe(expected);
    expect(value(parseDate(input))).toBe(expected.slice(0, 10));
  });

  it.each(TWELVE_HOUR_CASES)("12-hour clock %s -> %s", (input, expected) => {
    expect(value(parseDateTime(input))).toBe(expected);
  });

  it("handles the 1904 date system", () => {
    expect(value(parseDate(45356 - 1462, true))).toBe("2024-03-05");
  });

  it.each(INVALID_DATES)(
    "rejects %s",
    (input) => {
      expect(parseDate(input as string).ok).toBe(false);
    }
  );

  it("reads ISO-like text the same on its fast path as the general parser does", () => {
    const general = (s: string, f: typeof formatDate) => {
      const p = parseDateParts(s);
      return p.ok ? (p.value ? f(p.value) : null) : "FAIL";
    };
    const days = [
      ...["2024-02-29", "2023-02-29", "2024-04-31", "2024-12-31", "2024-13-01", "2024-00-10", "1999-12-31", "2100-01-01", "2024-1a-05"],
      ...["2024/3/5", "2024/03/5", "2024/12/31", "2024/2/30", "2024.3.5", "2024-3/5", "2024/3-5", "2024/123/5", "2024/3/", "2024//5"]
    ];
    const times = [
      ...["", " 00:00", "T23:59", " 24:00", " 08:60", " 08:05:59", "T08:05:60", " 08:05:0x", " 8:05:00", " 08:05-00", "x08:05"],
      ...[" 8:05", " 8:5", " 08:05:5", " 08:05:00.5", "t08:05", "  08:05", " 123:05", " 08:05:00Z", " 08", " 24:00:00", " 23:60:00", " 1a:05:00"]
    ];
    for (const d of days) {
      for (const t of times) {
        const s = d + t;
        expect(value(parseDateTime(s)), s).toBe(general(s, formatDateTime));
        expect(value(parseDate(s)), s).toBe(general(s, formatDate));
      }
    }
  });

  it("accepts leap days", () => expect(value(parseDate("2024-02-29"))).toBe("2024-02-29"));

  it.each(EMPTY_CELLS)("treats %s as empty", (input) => {
    expect(parseDate(input)).toEqual({ok: true, value: null});
  });
});

describe("parse: numbers and booleans", () => {
  it.each(NUMBER_CASES)("number %s -> %s", (input, expected) => expect(value(parseNumber(input))).toBe(expected));

  it.each(INVALID_NUMBERS)("rejects the non-number %s", (input) => expect(parseNumber(input).ok).toBe(false));

  it.each(INTEGER_CASES)("integer %s -> %s", (input, expected) => expect(value(parseInteger(input))).toBe(expected));

  it.each(BOOLEAN_CASES)("boolean %s -> %s", (input, expected) => expect(value(parseBoolean(input))).toBe(expected));

  it.each(INVALID_BOOLEANS)("rejects the unknown boolean %s", (input) => expect(parseBoolean(input).ok).toBe(false));
});

describe("parse: text", () => {
  it("converts full-width characters", () => {
    expect(halfWidth("ＡＢＣ１２３　（）")).toBe("ABC123 ()");
  });

  it("collapses stray spaces in prose but keeps Chinese punctuation", () => {
    expect(normalizeText("  店外经营，  占道\n\t 经营（严重）  ")).toBe("店外经营， 占道 经营（严重）");
    expect(normalizeText("ＷＤ２０２４")).toBe("WD2024");
    expect(normalizeText("   ")).toBeNull();
    expect(normalizeText(12345)).toBe("12345");
  });

  it("removes all whitespace in tokens", () => {
    expect(normalizeToken(" WD 2024 0001 ")).toBe("WD20240001");
    expect(normalizeToken("ＷＤ－００１")).toBe("WD-001");
  });
});

describe("parse: month in file name", () => {
  it.each([
    ["platform/2024-03.xlsx", "2024-03"],
    ["数字城管案件_202403.csv", "2024-03"],
    ["2024年3月案件.xls", "2024-03"],
    ["2024年12月.xls", "2024-12"],
    ["cases_2024_01_to_2024_03.xlsx", "2024-03"],
    ["export-20240315.csv", "2024-03"],
    ["2024/02/export.csv", "2024-02"],
    ["cases.xlsx", null]
  ])("%s -> %s", (name, month) => expect(monthOfFileName(name)).toBe(month));
});
