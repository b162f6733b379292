import {describe, expect, it} from "vitest";
import {describeMissing, findHeader, isBlankRow, isRepeatedHeader, isTotalRow, mapHeader} from "../../loaders/headers.ts";
import {SOURCES} from "../../loaders/schema/index.ts";

const platform = SOURCES.platform.fields;
const cases = SOURCES.cases.fields;

describe("headers: finding the header row", () => {
  it("skips title rows and finds the header below them", () => {
    const rows = [
      ["魏都区数字化城市管理案卷明细表（2024年3月）", "魏都区数字化城市管理案卷明细表（2024年3月）"],
      ["填报单位：数字城管指挥中心", null],
      ["案卷编号", "问题来源", "问题类型", "大类名称", "小类名称", "街道", "上报时间", "当前阶段"],
      ["WD001", "监督员上报", "事件", "市容环境", "暴露垃圾", "西大街道", "2024-03-05", "结案"]
    ];
    const h = findHeader(rows, platform)!;
    expect(h.rowIndex).toBe(2);
    expect(h.columns.get("case_id")).toBe(0);
    expect(h.columns.get("reported_at")).toBe(6);
    expect(h.missing).toEqual([]);
  });

  it("maps header variants, full-width characters, stray spaces, marks and unit notes", () => {
    const m = mapHeader(["任务号", " 发现时间 ", "所属街道", "*案件状态", "罚款金额（元）", "序号", "ＸＹＺ"], [...platform, ...cases.filter((f) => f.name === "fine")]);
    expect(m.columns.get("case_id")).toBe(0);
    expect(m.columns.get("reported_at")).toBe(1);
    expect(m.columns.get("street")).toBe(2);
    expect(m.columns.get("status")).toBe(3);
    expect(m.columns.get("fine")).toBe(4);
    expect(m.unmapped).toEqual(["序号", "ＸＹＺ"]);
  });

  it("prefers the canonical header when two columns name one field", () => {
    const m = mapHeader(["发现时间", "上报时间"], platform);
    expect(m.columns.get("reported_at")).toBe(1);
  });

  it("names the missing required columns (only what places a row: the id and the date) and the accepted variants", () => {
    const h = findHeader([["案卷编号", "问题来源", "街道"]], platform)!;
    const labels = h.missing.map((f) => f.label);
    expect(labels).toEqual(["上报时间"]);
    const text = describeMissing(h.missing);
    expect(text).toMatch(/^缺少必需列: /);
    expect(text).toContain("上报时间（可用表头: 上报时间/发现时间/上报日期）");
  });

  it("returns null when no row names two fields", () => {
    expect(findHeader([["这是一份说明"], ["没有表格"]], platform)).toBeNull();
  });
});

describe("headers: rows that are not data", () => {
  it("recognizes blank rows", () => {
    expect(isBlankRow([null, "", "  ", "\u3000"])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });

  it("recognizes 合计/总计/小计 rows", () => {
    expect(isTotalRow(["合计", "共12件", null])).toBe(true);
    expect(isTotalRow([null, "总 计", 3])).toBe(true);
    expect(isTotalRow(["小计：", null])).toBe(true);
    expect(isTotalRow(["WD001", "合计费用说明"])).toBe(false);
  });

  it("recognizes a repeated header", () => {
    expect(isRepeatedHeader(["案卷编号", "街道"], ["案卷编号", "街道"])).toBe(true);
    expect(isRepeatedHeader(["WD001", "街道"], ["案卷编号", "街道"])).toBe(false);
    expect(isRepeatedHeader([" 案卷 编号 ", "*街道："], ["案卷编号", "街道"])).toBe(true);
    expect(isRepeatedHeader(["ＩＤ", "街 道"], ["id", "街道"])).toBe(true);
    expect(isRepeatedHeader(["编号案卷", "街道"], ["案卷编号", "街道"])).toBe(false);
  });
});
