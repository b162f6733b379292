import {readFileSync} from "node:fs";
import {expect, test} from "vitest";
import {viewKey} from "../../src/components/query.ts";
import {defaultYear, yearOptionLabel} from "../../src/components/years.ts";
import {platformDefaultViews} from "../../src/components/platform-view.ts";
import {hotspotDefaultViews, changeFilters} from "../../src/components/hotspot-data.ts";

test("a view's key names its non-empty filters in a fixed order, whatever order they come in", () => {
  expect(viewKey({year: 2024, street: null, major: "", source: undefined})).toBe("year=2024");
  expect(viewKey({street: "西大街道", year: 2024})).toBe(viewKey({year: 2024, street: "西大街道"}));
  expect(viewKey({year: null, street: null})).toBe("");
});

test("the build prerenders every year and all years of the platform page, and the page asks for them by the same keys", () => {
  const views = platformDefaultViews({years: [2023, 2024], caseMonths: [], streets: ["a"], majors: [], sources: []});
  expect(views.map(viewKey)).toEqual(["", "year=2023", "year=2024"]);
  // the page's filters for ?year=2024 with nothing else chosen
  expect(viewKey({year: 2024, street: null, major: null, source: null})).toBe("year=2024");
});

test("the hotspot page's default comparison is the last two months, keyed as the page asks for it", () => {
  const views = hotspotDefaultViews({years: [2026], months: ["2026-09", "2026-10"]});
  expect(views.map(viewKey)).toEqual(["", "year=2026", "after=2026-10&before=2026-09"]);
  expect(viewKey(changeFilters({year: 2026, street: null, major: null, source: null, cell: null}, "2026-09", "2026-10"))).toBe("after=2026-10&before=2026-09");
});

test("one default-year rule: the latest year, and the selector says how far an unfinished year goes", () => {
  expect(defaultYear([2023, 2026, 2024])).toBe(2026);
  expect(defaultYear([])).toBeNull();
  expect(yearOptionLabel(2026, "2026-10")).toBe("2026年（1—10月）");
  expect(yearOptionLabel(2026, "2026-01")).toBe("2026年（1月）");
  expect(yearOptionLabel(2025, "2026-10")).toBe("2025年");
  expect(yearOptionLabel(2025, "2025-12")).toBe("2025年");
});

test("no page chooses its own default year: each uses filter-inputs.ts", () => {
  for (const page of ["index", "platform", "hotspot", "enforcement", "hotline", "publicity", "report"]) {
    const source = readFileSync(`src/${page}.md`, "utf-8");
    expect(source, page).not.toMatch(/years\.at\(-1\)|complete\.at\(-1\)/);
  }
});

test("a drill-down fetches the chosen year's months, or every month newest first", async () => {
  const {caseMonthsFor} = await import("../../src/components/platform-data.ts");
  const months = ["2024-11", "2024-12", "2025-01", "2025-02"];
  expect(caseMonthsFor(months, 2024)).toEqual(["2024-12", "2024-11"]);
  expect(caseMonthsFor(months, null)).toEqual(["2025-02", "2025-01", "2024-12", "2024-11"]);
  expect(caseMonthsFor(months, 2023)).toEqual([]);
});
