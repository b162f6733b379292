import { describe, expect, expectTypeOf, it } from "vitest";
import { fieldForHeader, normalizeHeader, recordId, SOURCE_IDS, SOURCES, type PlatformRow, type SourceId } from "../../loaders/schema/index.ts";
import { VALID } from "./valid-rows.ts";

describe("source schemas", () => {
  it("define the seven sources with consistent id, date and code fields", () => {
    expect(SOURCE_IDS).toEqual(["platform", "cases", "documents", "review", "hotline", "publicity", "training"]);
    for (const id of SOURCE_IDS) {
      const s = SOURCES[id];
      const names = s.fields.map((f) => f.name);
      expect(s.source).toBe(id);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain(s.idField);
      expect(names).toContain(s.dateField);
      for (const p of s.idParts ?? []) expect(names).toContain(p);
      for (const f of s.fields) {
        expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(f.type === "code").toBe(f.codeList !== undefined);
        if (f.derived) expect(f.aliases).toEqual([]);
        else expect(f.aliases.length, `${id}.${f.name}`).toBeGreaterThan(0);
      }
    }
  });

  it("map every accepted header to exactly one field", () => {
    for (const id of SOURCE_IDS) {
      const s = SOURCES[id];
      const seen = new Map<string, string>();
      for (const f of s.fields) {
        for (const a of f.aliases) {
          const key = normalizeHeader(a);
          expect(seen.get(key) ?? f.name, `${id}: ${a}`).toBe(f.name);
          seen.set(key, f.name);
          expect(fieldForHeader(s, ` ${a.replace("（", "(").replace("）", ")")} `)).toBe(f.name);
        }
      }
    }
  });

  it("mark personal data so anonymization can be driven by the schema", () => {
    const personal = (id: SourceId) => Object.fromEntries(SOURCES[id].fields.filter((f) => f.personal).map((f) => [f.name, f.personal]));
    expect(personal("cases")).toMatchObject({ party_name: "name", party_id: "id_number", party_phone: "phone", party_address: "address" });
    expect(personal("hotline")).toMatchObject({ caller_name: "name", caller_phone: "phone", content: "free_text" });
    expect(personal("platform")).toMatchObject({ reporter_phone: "phone", description: "free_text" });
    expect(personal("publicity")).toEqual({});
  });

  it("accept a valid normalized row of each source", () => {
    for (const id of SOURCE_IDS) {
      const r = SOURCES[id].row.safeParse(VALID[id]);
      expect(r.success, `${id}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
    expect(recordId(SOURCES.publicity, VALID.publicity)).toBe(VALID.publicity.record_id);
    expect(recordId(SOURCES.training, VALID.training)).toBe(VALID.training.record_id);
    expect(recordId(SOURCES.documents, VALID.documents)).toBe(VALID.documents.doc_no);
  });

  it("treat absent optional values as null or undefined", () => {
    for (const id of SOURCE_IDS) {
      const s = SOURCES[id];
      const minimal = Object.fromEntries(s.fields.filter((f) => f.required).map((f) => [f.name, VALID[id][f.name]]));
      if (id === "publicity") Object.assign(minimal, { kind: "activity" });
      if (id === "platform") Object.assign(minimal, { status: "reported" });
      expect(s.row.safeParse(minimal).success, id).toBe(true);
    }
  });

  const reject = (id: SourceId, patch: Record<string, unknown>, why: RegExp | string) => {
    const r = SOURCES[id].row.safeParse({ ...VALID[id], ...patch });
    expect(r.success, `${id} ${JSON.stringify(patch)}`).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")).toMatch(why);
  };

  it("accept what the code lists do not know, and inconsistencies a kept row may have", () => {
    const accept = (id: SourceId, patch: Record<string, unknown>) =>
      expect(SOURCES[id].row.safeParse({ ...VALID[id], ...patch }).success, `${id} ${JSON.stringify(patch)}`).toBe(true);
    accept("platform", { street: "许昌新区" });
    accept("platform", { category_minor: "E0101" });
    accept("platform", { status: "closed", closed_at: null });
    accept("cases", { party_id: "1234" });
    accept("cases", { execution: "court_enforcement", fine: null });
    accept("review", { outcome: null });
    accept("hotline", { satisfaction: "很好" });
    accept("publicity", { level: null });
  });

  it("reject the abnormal rows of the brief", () => {
    reject("documents", { doc_no: null }, /doc_no/);
    reject("documents", { doc_no: "" }, /doc_no/);
    reject("documents", { issued_on: "2024-02-30" }, /issued_on/);
    reject("documents", { issued_on: "2024年3月5日" }, /issued_on/);
    reject("documents", { served_on: "2024-01-04" }, /送达日期早于签发日期/);
    reject("platform", { reported_at: "2024-03-05 20:05:00" }, /reported_at/);
    reject("platform", { closed_at: "2024-03-04T10:00:00" }, /结案时间早于上报时间/);
    reject("platform", { rework_count: -1 }, /rework_count/);
    reject("cases", { fine: -200 }, /fine/);
    reject("cases", { closed_on: "2024-03-01" }, /结案日期早于立案日期/);
    reject("review", { decided_on: "2024-03-01" }, /审结日期早于收案日期/);
    reject("training", { participants: -3 }, /participants/);
    reject("training", { extra: 1 }, /extra|Unrecognized/);
  });

  it("infer static row types from the field lists", () => {
    expectTypeOf<PlatformRow["case_id"]>().toEqualTypeOf<string>();
    expectTypeOf<PlatformRow["rework_count"]>().toEqualTypeOf<number | null | undefined>();
  });
});
