import iconv from "iconv-lite";
import XLSX from "../../loaders/xlsx.ts";
import {describe, expect, it} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {FileError, processFile, ZOD_SAMPLE, type AcceptedRow, type RejectedRow} from "../../loaders/process.ts";
import {SOURCES, type SourceSchema} from "../../loaders/schema/index.ts";

function workbook(sheets: Record<string, {aoa: unknown[][]; merges?: XLSX.Range[]}>, bookType: XLSX.BookType = "xlsx"): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, {aoa, merges}] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    if (merges) ws["!merges"] = merges;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return XLSX.write(wb, {type: "buffer", bookType});
}

function run(buf: Buffer, name: string, source: keyof typeof SOURCES = "training", schema: SourceSchema = SOURCES[source]) {
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  const outcome = processFile(buf, name, schema, {salt: "s", book: defaultCodeBook(), accept: (r) => accepted.push(r), reject: (r) => rejected.push(r)});
  return {outcome, accepted, rejected};
}

const HEADER = ["日期", "主题", "类型", "参训人数"];

describe("processFile", () => {
  it("lets zod judge the whole file once zod and the compiled validator disagree on a sampled row", () => {
    const training = SOURCES.training;
    // a zod rule the compiled validator does not know: at most 100 participants
    const stricter = {...training, row: training.row.refine((r) => ((r as {participants: number | null}).participants ?? 0) <= 100)} as SourceSchema;
    const rows = Array.from({length: ZOD_SAMPLE + 10}, (_, i) => [`2024-03-${String((i % 28) + 1).padStart(2, "0")}`, `主题${i}`, "法律法规", 40]);
    rows[1][3] = 500;
    rows[ZOD_SAMPLE + 5][3] = 600;
    const buf = workbook({Sheet1: {aoa: [HEADER, ...rows]}});
    const agreed = run(buf, "agreed.xlsx");
    expect(agreed.outcome).toMatchObject({usedZod: false, rejected: 0});
    const {outcome, rejected} = run(buf, "stricter.xlsx", "training", stricter);
    expect(outcome).toMatchObject({usedZod: true, accepted: rows.length - 2, rejected: 2});
    expect(rejected.map((r) => r.rowNumber)).toEqual([3, ZOD_SAMPLE + 7]);
  });

  it("counts only data rows: not title, header, blank, 合计, repeated header or note rows", () => {
    const buf = workbook({
      Sheet1: {
        aoa: [
          ["2024年培训登记表"],
          ["填报单位：政策法规股"],
          HEADER,
          ["2024-03-05", "行政处罚法", "法律法规", 40],
          [],
          HEADER,
          ["2024-03-12", "法制审核要点", "法制审核", -1],
          ["合计", null, null, 39],
          ["制表人：张三"]
        ],
        merges: [{s: {r: 0, c: 0}, e: {r: 0, c: 3}}]
      }
    });
    const {outcome, accepted, rejected} = run(buf, "2024-03.xlsx");
    expect(outcome).toMatchObject({format: "xlsx", rowsRead: 2, accepted: 1, rejected: 1, sheets: [{name: "Sheet1", headerRow: 3, rowsRead: 2}]});
    expect(accepted[0]).toMatchObject({rowNumber: 4, values: {record_id: "2024-03-05|行政处罚法", type: "laws_regulations", participants: 40}});
    expect(rejected[0]).toMatchObject({rowNumber: 7, recordId: "2024-03-12|法制审核要点"});
    expect(rejected[0].issues[0].code).toBe("below_min:participants");
    expect(rejected[0].original).toEqual({日期: "2024-03-12", 主题: "法制审核要点", 类型: "法制审核", 参训人数: -1});
  });

  it("applies a vertically merged cell to every row it spans", () => {
    const buf = workbook({
      Sheet1: {
        aoa: [HEADER, ["2024-03-05", "行政处罚法", "法律法规", 40], ["2024-03-06", "行政强制法", null, 35]],
        merges: [{s: {r: 1, c: 2}, e: {r: 2, c: 2}}]
      }
    });
    const {accepted} = run(buf, "merged.xlsx");
    expect(accepted.map((r) => r.values.type)).toEqual(["laws_regulations", "laws_regulations"]);
  });

  it("reads every sheet with a complete header and says which it left out", () => {
    const buf = workbook({
      一月: {aoa: [HEADER, ["2024-01-05", "A", "法律法规", 10]]},
      二月: {aoa: [HEADER, ["2024-02-05", "B", "法律法规", 20]]},
      说明: {aoa: [["本表由政策法规股填报"]]}
    });
    const {outcome, accepted} = run(buf, "2024.xlsx");
    expect(accepted.map((r) => [r.sheet, r.rowNumber, r.seq])).toEqual([
      ["一月", 2, 1],
      ["二月", 2, 2]
    ]);
    expect(outcome.warnings).toEqual([
      "工作表“说明”没有可识别的表头，未导入",
      "读取了 2 个工作表：“一月”（1 行）、“二月”（1 行）（如其中有重复或过时的副本，请删除后重新导入）"
    ]);
  });

  it("reads an .xls and a GB18030 CSV", () => {
    const xls = run(workbook({S: {aoa: [HEADER, ["2024-03-05", "行政处罚法", "法律法规", 40]]}}, "biff8"), "a.xls");
    expect(xls.outcome).toMatchObject({format: "xls", accepted: 1});
    const csv = run(iconv.encode("日期,主题,类型,参训人数\r\n2024/3/5,行政处罚法,法律法规,４０\r\n", "gb18030"), "a.csv");
    expect(csv.outcome).toMatchObject({format: "csv", encoding: "gb18030", accepted: 1});
    expect(csv.accepted[0].values.participants).toBe(40);
  });

  it("fails a file without a column that places its rows, naming it; other columns may be missing", () => {
    expect(() => run(workbook({S: {aoa: [["日期", "类型"], ["2024-03-05", "x"]]}}), "a.xlsx")).toThrow(FileError);
    expect(() => run(workbook({S: {aoa: [["日期", "类型"], ["2024-03-05", "x"]]}}), "a.xlsx")).toThrow(/缺少必需列: 主题/);
    const {outcome} = run(workbook({S: {aoa: [["日期", "主题"], ["2024-03-05", "x"]]}}), "b.xlsx");
    expect(outcome).toMatchObject({accepted: 1, rejected: 0});
    expect(outcome.columnMaps[0].absent).toEqual(["type", "participants", "hours", "organizer", "location"]);
  });

  it("takes the column a coded field's values fit when two columns name it, and says so", () => {
    const platform = SOURCES.platform;
    const rows = [["案卷编号", "上报时间", "问题类型", "案件类型"], ["A1", "2024-03-05 08:00", "市容环境类", "事件"], ["A2", "2024-03-05 09:00", "街面秩序类", "部件"]];
    const {outcome, accepted} = run(workbook({S: {aoa: rows}}), "c.xlsx", "platform", platform);
    expect(accepted.map((r) => r.values.problem_type)).toEqual(["event", "component"]);
    expect(outcome.warnings).toEqual([expect.stringMatching(/“案件类型”和“问题类型”都对应字段“问题类型”，采用“案件类型”（规则：该列的取值在“问题类型”代码表中能识别的最多）/)]);
    expect(outcome.unmappedColumns).toContain("问题类型");
  });

  it("fails a file that is not a spreadsheet", () => {
    expect(() => run(Buffer.from("%PDF-1.7\n"), "a.xlsx")).toThrow(/不是电子表格/);
    expect(() => run(Buffer.from("<html><head><title>系统提示</title></head><body>会话已超时</body></html>"), "a.xls")).toThrow(/网页“系统提示”/);
  });
});
