import {describe, expect, it} from "vitest";
import {compileNormalizer} from "../../loaders/normalize.ts";
import {SOURCE_IDS, SOURCES, type SourceId} from "../../loaders/schema/index.ts";
import {compileFastValidator, compileValidator} from "../../loaders/validate.ts";
import {VALID} from "./valid-rows.ts";

/** The valid row and one mutation per field: missing, negative, badly formed, or moved out of date order. */
function variants(source: SourceId): Record<string, unknown>[] {
  const schema = SOURCES[source];
  const base = VALID[source];
  const out: Record<string, unknown>[] = [{...base}];
  for (const f of schema.fields) {
    if (f.derived) continue;
    out.push({...base, [f.name]: null});
    if (f.type === "integer" || f.type === "number") out.push({...base, [f.name]: -1});
    if (f.type === "string") out.push({...base, [f.name]: "abc"});
    if (f.type === "date") out.push({...base, [f.name]: "2000-01-01"}, {...base, [f.name]: "2099-12-31"});
    if (f.type === "datetime") out.push({...base, [f.name]: "2000-01-01T00:00:00"}, {...base, [f.name]: "2099-12-31T23:59:59"});
  }
  return out;
}

describe("validate: the compiled checks agree with the zod schema", () => {
  for (const source of SOURCE_IDS) {
    it(`${source}: same verdict for the valid row and every mutation`, () => {
      const fast = compileFastValidator(SOURCES[source]);
      const zod = compileValidator(SOURCES[source]);
      const rows = variants(source);
      let rejected = 0;
      for (const row of rows) {
        const a = fast({row: {...row}, issues: []});
        const b = zod({row: {...row}, issues: []});
        expect({row, fast: a.length === 0}).toEqual({row, fast: b.length === 0});
        if (a.length) rejected++;
      }
      expect(fast({row: {...VALID[source]}, issues: []})).toEqual([]);
      expect(rejected).toBeGreaterThan(0);
    });
  }
});

describe("validate: reasons", () => {
  const fast = compileFastValidator(SOURCES.platform);

  it("reports a missing id", () => {
    expect(fast({row: {...VALID.platform, case_id: null}, issues: []})).toEqual([
      {code: "required:case_id", field: "case_id", message: "缺少案卷编号"}
    ]);
  });

  it("reports an end before its start", () => {
    const issues = fast({row: {...VALID.platform, closed_at: "2024-03-01T00:00:00"}, issues: []});
    expect(issues.map((i) => i.code)).toContain("rule:closed_after_reported");
  });

  it("reports a negative amount", () => {
    const issues = compileFastValidator(SOURCES.cases)({row: {...VALID.cases, fine: -5}, issues: []});
    expect(issues[0]).toMatchObject({code: "below_min:fine", message: "罚款金额不能小于 0（-5）"});
  });

  it("derives record ids from their parts and the case status from the closing date", () => {
    const row = {...VALID.publicity, record_id: null};
    compileFastValidator(SOURCES.publicity)({row, issues: []});
    expect(row.record_id).toBe("item|2024-03-05|许昌日报|魏都城管开展店外经营专项整治行动");
    const c = {...VALID.cases, status: null, closed_on: null, execution: null};
    expect(compileFastValidator(SOURCES.cases)({row: c, issues: []})).toEqual([]);
    expect(c.status).toBe("open");
  });
});

describe("normalize + validate: raw cells to a row", () => {
  const schema = SOURCES.platform;
  const header = ["案件号", "问题来源", "问题类型", "大类编码", "小类编码", "街道", "社区", "问题描述", "发现时间", "结案时间", "案件状态", "返工次数"];
  const columns = new Map(
    header.map((h, i) => [schema.fields.find((f) => f.aliases.includes(h))!.name, i] as [string, number])
  );
  const normalize = compileNormalizer(schema, columns);
  const validate = compileFastValidator(schema);

  it("maps names, aliases and platform numbers to codes and parses dates", () => {
    const n = normalize([" WD 001 ", "监督员", "事件", "05", "0510", "西大", "德科苑", "店外 烧烤", 45356.336805555555, "2024年3月6日 9时", "已结案", "０"]);
    expect(n.issues).toEqual([]);
    expect(n.row).toMatchObject({
      case_id: "WD001",
      source: "supervisor",
      problem_type: "event",
      category_major: "E05",
      category_minor: "E0510",
      street: "411002001",
      community: "411002001001",
      description: "店外 烧烤",
      reported_at: "2024-03-05T08:05:00",
      closed_at: "2024-03-06T09:00:00",
      status: "closed",
      rework_count: 0
    });
    expect(validate(n)).toEqual([]);
  });

  it("restores the leading zero of platform category numbers typed as numbers", () => {
    const n = normalize(["WD003", "监督员", "事件", 5, 510, "西大", null, null, "2024-03-05", null, "上报", 0]);
    expect(n.issues).toEqual([]);
    expect(n.row).toMatchObject({category_major: "E05", category_minor: "E0510"});
  });

  it("turns unknown codes and unparseable dates into reasons", () => {
    const n = normalize(["WD002", "监督员", "事件", "05", "0510", "火星街道", null, null, "去年", null, "结案", "x"]);
    expect(validate(n).map((i) => i.code)).toEqual(["unknown_code:street", "invalid_datetime:reported_at", "invalid_integer:rework_count"]);
  });
});
