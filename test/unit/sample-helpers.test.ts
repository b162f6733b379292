import { describe, expect, it } from "vitest";
import { parseArgs } from "../../scripts/sample/args.ts";
import { at, excelSerial, latestFullMonth } from "../../scripts/sample/calendar.ts";
import { Rng } from "../../scripts/sample/random.ts";
import { normalizeDate } from "../../scripts/sample/reader.ts";
import { fullWidthDigits } from "../../scripts/sample/render.ts";

describe("sample generator helpers", () => {
  it("Rng is reproducible and forks independent streams", () => {
    const a = new Rng(42, "x");
    const b = new Rng(42, "x");
    const seq = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seq);
    expect(new Rng(43, "x").next()).not.toBe(seq[0]);
    expect(new Rng(42, "x").fork("y").next()).not.toBe(new Rng(42, "x").fork("z").next());
    const r = new Rng(1, "ranges");
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7).toBe(true);
    }
  });

  it("defaults --until to the latest full month in China time", () => {
    expect(latestFullMonth(new Date("2026-11-27T10:00:00Z"))).toEqual({ year: 2026, month: 10 });
    expect(latestFullMonth(new Date("2026-11-30T17:00:00Z"))).toEqual({ year: 2026, month: 11 });
    expect(parseArgs([], new Date("2026-11-27T10:00:00Z")).until).toEqual({ year: 2026, month: 10 });
  });

  it("parses the CLI flags", () => {
    const a = parseArgs(["--until", "2024-12", "--out=/tmp/x", "--seed", "7", "--scale", "30"], new Date());
    expect(a).toMatchObject({ until: { year: 2024, month: 12 }, out: "/tmp/x", seed: 7, scale: 30 });
    expect(() => parseArgs(["--until", "2024-13"], new Date())).toThrow();
    expect(() => parseArgs(["--scale", "0"], new Date())).toThrow();
    expect(() => parseArgs(["--bogus"], new Date())).toThrow();
  });

  it("reads back every date style the writers produce", () => {
    expect(normalizeDate(excelSerial(at(2024, 3, 5, 8, 5)), true)).toBe("2024-03-05T08:05:00");
    expect(normalizeDate(excelSerial(at(2024, 3, 5)), false)).toBe("2024-03-05");
    expect(normalizeDate("2024年3月5日", false)).toBe("2024-03-05");
    expect(normalizeDate("2024年3月5日 08:05", true)).toBe("2024-03-05T08:05:00");
    expect(normalizeDate("2024/3/5 8:05", true)).toBe("2024-03-05T08:05:00");
    expect(normalizeDate("2024-03-05 08:05:00", true)).toBe("2024-03-05T08:05:00");
    expect(normalizeDate(fullWidthDigits("2024年3月5日"), false)).toBe("2024-03-05");
    expect(normalizeDate("2024年2月30日", false)).toBeUndefined();
    expect(normalizeDate("待补录", false)).toBeUndefined();
    expect(normalizeDate("2024-13-05 08:30", true)).toBeUndefined();
  });
});
