import {describe, expect, it} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {compileDeriver} from "../../loaders/derive.ts";
import {compileNormalizer} from "../../loaders/normalize.ts";
import {SOURCE_IDS, SOURCES, type SourceId} from "../../loaders/schema/index.ts";
import {compileFastValidator, compileValidator, compileWarnings} from "../../loaders/validate.ts";
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

  it("rejects only what places a row: a missing record date, an impossible order or number", () => {
    const codes = (row: Record<string, unknown>) => fast({row: {...VALID.platform, ...row}, issues: []}).map((i) => i.code);
    expect(codes({reported_at: null})).toEqual(["required:reported_at"]);
    expect(codes({street: null, source: null, status: null, problem_type: null, category_major: null, category_minor: null, department: null})).toEqual([]);
    expect(codes({street: "新兴街道", department: "魏都区环卫所", status: "已归档"})).toEqual([]);
    expect(codes({rework_count: -1})).toEqual(["below_min:rework_count"]);
  });

  it("keeps a row whose values are inconsistent but possible, with a warning", () => {
    const warn = compileWarnings(SOURCES.hotline);
    expect(warn({...VALID.hotline, closed_at: null}, null)).toEqual([
      {kind: "warning", code: "rule:result_has_close", field: "closed_at", message: "有办理结果但没有办结时间"}
    ]);
    expect(compileFastValidator(SOURCES.hotline)({row: {...VALID.hotline, closed_at: null}, issues: []})).toEqual([]);
  });
});

describe("derive: values the loader computes", () => {
  const book = defaultCodeBook();
  it("composes record ids from their parts and the case status from the closing date", () => {
    const row: Record<string, unknown> = {...VALID.publicity, record_id: null};
    compileDeriver(SOURCES.publicity, book, new Set())(row, null);
    expect(row.record_id).toBe("item|2024-03-05|许昌日报|魏都城管开展店外经营专项整治行动");
    const c: Record<string, unknown> = {...VALID.cases, status: null, closed_on: null, execution: null};
    compileDeriver(SOURCES.cases, book, new Set())(c, null);
    expect(c.status).toBe("open");
  });

  it("places a 数字城管 case by its times first, the status filling in only what the times cannot say", () => {
    const derive = compileDeriver(SOURCES.platform, book, new Set(["status", "closed_at"]));
    const stage = (row: Record<string, unknown>) => {
      const r: Record<string, unknown> = {...VALID.platform, ...row};
      derive(r, null);
      return [r.stage, r.status];
    };
    expect(stage({})).toEqual(["closed", "closed"]);
    expect(stage({status: "已归档"})).toEqual(["closed", "已归档"]);
    expect(stage({status: "回退", closed_at: null, handled_at: null})).toEqual(["dispatched", "回退"]);
    expect(stage({status: "closed", closed_at: null, handled_at: null})).toEqual(["closed", "closed"]);
    expect(stage({status: "void"})).toEqual(["void", "void"]);
    expect(stage({status: "not_filed", registered_at: null, dispatched_at: null, due_at: null, handled_at: null, closed_at: null})).toEqual(["not_filed", "not_filed"]);
    expect(stage({status: null, closed_at: null})).toEqual(["handled", "handled"]);
  });

  it("says when it fills a missing status from the times", () => {
    const derive = compileDeriver(SOURCES.platform, book, new Set(["closed_at"]));
    const row: Record<string, unknown> = {...VALID.platform, status: null};
    expect(derive(row, null)).toEqual([expect.objectContaining({code: "status_derived", message: expect.stringContaining("没有“当前阶段”列")})]);
    expect(row.status).toBe("closed");
  });

  it("marks a hotline work order done by its 办结时间 or a status the code list calls completed", () => {
    const derive = compileDeriver(SOURCES.hotline, book, new Set());
    const done = (row: Record<string, unknown>) => {
      const r: Record<string, unknown> = {...VALID.hotline, ...row};
      derive(r, null);
      return r.completed;
    };
    expect(done({})).toBe(true);
    expect(done({status: "已归档"})).toBe(true);
    expect(done({closed_at: null, status: "in_progress"})).toBe(false);
    expect(done({closed_at: null, status: "closed"})).toBe(true);
  });
});

describe("normalize + validate: raw cells to a row", () => {
  const schema = SOURCES.platform;
  const header = ["案件号", "问题来源", "问题类型", "大类编码", "小类编码", "街道", "社区", "问题描述", "发现时间", "结案时间", "案件状态", "返工次数"];
  const columns = new Map(
    header.map((h, i) => [schema.fields.find((f) => f.aliases.includes(h))!.name, i] as [string, number])
  );
  const book = defaultCodeBook();
  const normalize = compileNormalizer(schema, columns, {book});
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

  it("keeps values no code list knows as their text, noted as new; rejects only an unreadable record date", () => {
    const n = normalize(["WD002", "监督员", "事件", "05", "0599", "火星街道", null, null, "去年", null, "结案", "x"]);
    expect(validate(n).map((i) => i.code)).toEqual(["invalid_datetime:reported_at"]);
    const m = normalize(["WD002", "微信公众号", "事件", "街面秩序", "电动车飞线充电", "火星街道", null, null, "2024-03-05", null, "已归档", "x"]);
    expect(validate(m)).toEqual([]);
    expect(m.row).toMatchObject({source: "微信公众号", category_major: "E05", category_minor: "电动车飞线充电", street: "火星街道", status: "已归档", rework_count: null});
    expect(m.notes).toEqual([
      {kind: "new_value", field: "source", list: "problem_source", value: "微信公众号"},
      {kind: "new_value", field: "street", list: "street", value: "火星街道"},
      {kind: "new_value", field: "status", list: "platform_status", value: "已归档"},
      expect.objectContaining({kind: "warning", code: "invalid_integer:rework_count"}),
      {kind: "new_value", field: "category_minor", list: "category", value: "电动车飞线充电", context: "E05"}
    ]);
  });

  it("notes a known 小类 exported under another 大类, keeping both as exported", () => {
    const n = normalize(["WD004", "监督员", "事件", "街面秩序", "共享单车乱停放", "西大", null, null, "2024-03-05", null, null, 0]);
    expect(n.row).toMatchObject({category_major: "E05", category_minor: "E0601"});
    expect(n.notes).toEqual([expect.objectContaining({kind: "warning", code: "category_hierarchy"})]);
  });
});
