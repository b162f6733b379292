import {describe, expect, it} from "vitest";
import {
  halfWidth,
  monthOfFileName,
  normalizeText,
  normalizeToken,
  formatDate,
  formatDateTime,
  parseBoolean,
  parseDate,
  parseDateParts,
  parseDateTime,
  parseInteger,
  parseNumber
} from "../../loaders/normalize.ts";

const value = <T>(p: {ok: true; value: T | null} | {ok: false}) => (p.ok ? p.value : "FAIL");

describe("normalize: dates", () => {
  it.each([
    ["2024年3月5日", "2024-03-05T00:00:00"],
    ["2024年03月05日 08时05分", "2024-03-05T08:05:00"],
    ["2024 年 3 月 5 日", "2024-03-05T00:00:00"],
    ["2024/3/5 8:05", "2024-03-05T08:05:00"],
    ["2024/3/5", "2024-03-05T00:00:00"],
    ["2024-03-05 08:05:00", "2024-03-05T08:05:00"],
    ["2024-03-05T08:05:00", "2024-03-05T08:05:00"],
    ["2024.3.5", "2024-03-05T00:00:00"],
    ["20240305", "2024-03-05T00:00:00"],
    ["２０２４－０３－０５　０８：０５", "2024-03-05T08:05:00"],
    ["  2024-03-05  ", "2024-03-05T00:00:00"],
    ["2024/3/5 下午2:30", "2024-03-05T14:30:00"],
    ["2024-03-05T00:05:00Z", "2024-03-05T08:05:00"],
    ["2024-03-04T16:05:00.000Z", "2024-03-05T00:05:00"],
    ["2024-03-05T08:05:00+08:00", "2024-03-05T08:05:00"],
    [45356, "2024-03-05T00:00:00"],
    [45356.336805555555, "2024-03-05T08:05:00"],
    ["45356", "2024-03-05T00:00:00"],
    [20240305, "2024-03-05T00:00:00"]
  ])("%s -> %s", (input, expected) => {
    expect(value(parseDateTime(input))).toBe(expected);
    expect(value(parseDate(input))).toBe(expected.slice(0, 10));
  });

  it("handles the 1904 date system", () => {
    expect(value(parseDate(45356 - 1462, true))).toBe("2024-03-05");
  });

  it.each(["2024-02-30", "2023-02-29", "2024-13-01", "2024/3/5 25:00", "昨天", "3/5/2024", "1899-01-01", "12", true])(
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

  it.each([null, "", "  ", "-", "—", "/", "NULL"])("treats %s as empty", (input) => {
    expect(parseDate(input)).toEqual({ok: true, value: null});
  });
});

describe("normalize: numbers and booleans", () => {
  it.each([
    ["1,200", 1200],
    ["１２００", 1200],
    ["¥1,200.50", 1200.5],
    ["500元", 500],
    ["0.5万元", 5000],
    [" 3 次", 3],
    [42, 42],
    ["-10", -10]
  ])("number %s -> %s", (input, expected) => expect(value(parseNumber(input))).toBe(expected));

  it("rejects non-numbers", () => {
    expect(parseNumber("abc").ok).toBe(false);
    expect(parseNumber("1.2.3").ok).toBe(false);
    expect(parseInteger("1.5").ok).toBe(false);
    expect(value(parseInteger("2.0"))).toBe(2);
  });

  it.each([
    ["是", true],
    ["否", false],
    [" Y ", true],
    ["N", false],
    ["√", true],
    [1, true],
    [0, false],
    ["", null]
  ])("boolean %s -> %s", (input, expected) => expect(value(parseBoolean(input))).toBe(expected));

  it("rejects unknown booleans", () => expect(parseBoolean("也许").ok).toBe(false));
});

describe("normalize: text", () => {
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

describe("normalize: month in file name", () => {
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
