import {describe, expect, test} from "vitest";
import {FLAGS, RATES} from "../../loaders/metrics/flags.ts";
import {CASE_RATES} from "../../src/components/enforcement-data.ts";
import {flagCounts, rateFlags, unmappedNote, withFlagRates, withUnmappedNote, type FlagRate} from "../../src/components/flag-rates.ts";
import {HOTLINE_RATES, withRates} from "../../src/components/hotline-data.ts";
import {REVIEW_RATES} from "../../src/components/review-data.ts";

const PAGES: [string, keyof typeof FLAGS, readonly FlagRate[]][] = [
  ["enforcement", "cases", CASE_RATES],
  ["hotline", "hotline", HOTLINE_RATES],
  ["review", "review", REVIEW_RATES]
];

describe("the pages' rates are the loaders' rates", () => {
  test.each(PAGES)("%s: each rate is RATES' numerator over its denominator, with its unmapped flag, over published flags", (_page, source, rates) => {
    expect(rates.length).toBeGreaterThan(0);
    for (const r of rates) {
      const def = RATES[r.metric ?? r.key];
      expect(def, r.key).toBeDefined();
      expect({source: def.source, numerator: r.numerator, denominator: r.denominator, unmapped: r.unmapped ?? null}, r.key).toEqual({
        source,
        numerator: def.numerator,
        denominator: def.denominator,
        unmapped: def.unmapped ?? null
      });
      for (const flag of rateFlags([r])) expect(Object.keys(FLAGS[source]), flag).toContain(flag);
    }
  });

  test("every rate whose denominator can hold unmapped values is on its page, with that count", () => {
    for (const [, source, rates] of PAGES) {
      const ids = rates.map((r) => r.metric ?? r.key);
      for (const [id, def] of Object.entries(RATES)) if (def.source === source && def.unmapped) expect(ids, id).toContain(id);
    }
  });
});

describe("flag sums and rates", () => {
  test("rateFlags lists each flag once, in order of first use", () => {
    expect(rateFlags(HOTLINE_RATES)).toEqual(["completed", "received", "resolved", "result_unmapped", "satisfied", "rated", "satisfaction_unmapped"]);
  });

  test("flagCounts counts each boolean flag under its own name", () => {
    expect(flagCounts(["general", "legal_reviewed"])).toBe("count(*) FILTER (WHERE general)::DOUBLE AS general,\n  count(*) FILTER (WHERE legal_reviewed)::DOUBLE AS legal_reviewed");
  });

  test("a rate is its numerator over its denominator, null when the denominator is 0", () => {
    const row = withRates({orders: 10, received: 10, completed: 8, resolved: 6, result_unmapped: 1, rated: 5, satisfied: 4, satisfaction_unmapped: 0});
    expect(row.completion_rate).toBe(0.8);
    expect(row.resolution_rate).toBe(0.75);
    expect(row.satisfaction_rate).toBe(0.8);
    expect(withFlagRates({general: 0, legal_reviewed: 0}, CASE_RATES).legal_review_rate).toBeNull();
  });

  test("the unmapped remark appears only when some rows of the denominator hold an unmapped value", () => {
    expect(unmappedNote(3)).toBe("含 3 个未归类取值");
    expect(unmappedNote(12345)).toBe("含 12,345 个未归类取值");
    expect(unmappedNote(0)).toBe("");
    expect(unmappedNote(null)).toBe("");
    expect(withUnmappedNote("满意 4 / 已评价 5", 2)).toBe("满意 4 / 已评价 5；含 2 个未归类取值");
    expect(withUnmappedNote("满意 4 / 已评价 5", 0)).toBe("满意 4 / 已评价 5");
  });
});
