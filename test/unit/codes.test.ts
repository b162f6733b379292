import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CODE_LIST_IDS,
  CODE_LISTS,
  CORRECTIVE_OUTCOMES,
  DEPARTMENTS,
  isCode,
  METRICS,
  nameOf,
  normalizeName,
  resolveCategory,
  resolveCode,
  SATISFIED_LEVELS,
  SQUADS,
  STREETS
} from "../../loaders/codes/index.ts";

describe("code lists", () => {
  it("has the 11 streets of 魏都区 with codes 411002001..411002011", () => {
    expect(STREETS.map((s) => s.name)).toEqual([
      "西大街道", "东大街道", "西关街道", "南关街道", "北大街道", "五一路街道", "高桥营街道", "丁庄街道", "七里店街道", "文峰街道", "半截河街道"
    ]);
    expect(STREETS.map((s) => s.code)).toEqual(Array.from({ length: 11 }, (_, i) => `4110020${String(i + 1).padStart(2, "0")}`));
    for (const s of STREETS) {
      expect(s.communities.length).toBeGreaterThanOrEqual(4);
      for (const c of s.communities) expect(c.code).toMatch(new RegExp(`^${s.code}\\d{3}$`));
    }
  });

  it("has unique codes, and names and aliases that resolve to one entry per list", () => {
    for (const id of CODE_LIST_IDS) {
      const entries = CODE_LISTS[id].entries;
      expect(new Set(entries.map((e) => e.code)).size, id).toBe(entries.length);
      const owner = new Map<string, string>();
      for (const e of entries) {
        for (const n of [e.name, ...(e.aliases ?? [])]) {
          const key = normalizeName(n);
          const prev = owner.get(key);
          // Category majors share names across events and components; resolveCategory disambiguates by type.
          if (prev && prev !== e.code && id !== "category") throw new Error(`${id}: "${n}" names both ${prev} and ${e.code}`);
          owner.set(key, e.code);
        }
      }
    }
  });

  it("resolves street spellings seen in exports", () => {
    for (const raw of ["南关街道", "南关街道办事处", "南关办事处", "南关", " 南关　街道 ", "魏都区南关街道办事处", "411002004"]) {
      expect(resolveCode("street", raw), raw).toBe("411002004");
    }
    expect(resolveCode("street", "许昌新区")).toBeUndefined();
    expect(resolveCode("street", "")).toBeUndefined();
  });

  it("resolves other enumerations by name, alias and code", () => {
    expect(resolveCode("document_type", "责令停止(改正)违法行为通知书")).toBe("rectification_order");
    expect(resolveCode("document_type", "责令改正通知书")).toBe("rectification_order");
    expect(resolveCode("document_type", "城市管理行政意见指导书")).toBe("guidance");
    expect(resolveCode("problem_source", "12345")).toBe("hotline_12345");
    expect(resolveCode("problem_source", "市长热线")).toBe("hotline_12345");
    expect(resolveCode("hotline_source", "12319热线")).toBe("12319");
    expect(resolveCode("review_outcome", "准予撤诉")).toBe("withdrawn");
    expect(resolveCode("activity_theme", "“防诈”宣传")).toBe("A03");
    expect(resolveCode("satisfaction", "基本满意")).toBe("satisfied");
    expect(nameOf("publicity_level", "municipal")).toBe("市级");
  });

  it("keeps the category tree consistent with GB/T 30428 numbering", () => {
    for (const c of CATEGORIES) {
      expect(c.code).toBe((c.type === "event" ? "E" : "C") + c.gb);
      if (c.level === "minor") {
        const parent = CATEGORIES.find((p) => p.code === c.parent);
        expect(parent?.level).toBe("major");
        expect(parent?.type).toBe(c.type);
        expect(c.gb.startsWith(parent!.gb)).toBe(true);
      }
    }
    expect(nameOf("category", "E0510")).toBe("露天烧烤");
    expect(nameOf("category", "E0501")).toBe("无照经营游商");
    expect(resolveCategory("event", "街面秩序", "露天烧烤")).toEqual({ major: "E05", minor: "E0510" });
    expect(resolveCategory("event", "05", "0510")).toEqual({ major: "E05", minor: "E0510" });
    expect(resolveCategory("component", "市容环境", "垃圾桶")).toEqual({ major: "C03", minor: "C0306" });
    expect(resolveCategory("event", undefined, "游商")).toEqual({ major: "E05", minor: "E0501" });
    expect(resolveCategory("event", "05", "0101")).toBeUndefined();
    expect(resolveCategory("component", "05", "0510")).toBeUndefined();
  });

  it("links departments and squads to streets and flags corrective and satisfied codes", () => {
    expect(DEPARTMENTS.slice(0, 11).map((d) => d.name)).toEqual(STREETS.map((s) => s.fullName));
    for (const s of SQUADS) if (s.parent) expect(isCode("street", s.parent)).toBe(true);
    for (const c of CORRECTIVE_OUTCOMES) expect(isCode("review_outcome", c)).toBe(true);
    for (const c of SATISFIED_LEVELS) expect(isCode("satisfaction", c)).toBe(true);
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});
