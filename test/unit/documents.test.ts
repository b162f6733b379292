import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDocumentSettings, type DocumentSettings} from "../../loaders/documents-config.ts";
import type {BulletinFigures, FlagCounts, MonthFigures, UnitCounts} from "../../loaders/publish/bulletin.ts";
import type {PlanReport, TargetReport} from "../../loaders/publish/plan.ts";
import {ConfigError} from "../../loaders/yaml-file.ts";
import {annualReportContent} from "../../src/components/annual-report.ts";
import {bulletinContent, rankUnits, shiftMonth} from "../../src/components/bulletin.ts";
import {countChangeText, rateChangeText} from "../../src/components/change-text.ts";
import {compositeFormula, compositeScore} from "../../src/components/composite-score.ts";
import type {Block, OfficialDocument} from "../../src/components/official-document.ts";
import {withRates} from "../../src/components/platform-indicators.ts";
import type {AnnualFigures} from "../../src/components/report-text.ts";

const settings: DocumentSettings = {
  report: {issuer: "魏都区城市管理局"},
  bulletin: {
    issuer: "魏都区数字化城市管理监督指挥中心",
    recipients: "各街道办事处：",
    threshold: 90,
    composite: [
      {indicator: "ontime_handle_rate", weight: 40},
      {indicator: "close_rate", weight: 30},
      {indicator: "rework_rate", weight: 30}
    ]
  }
};

/** Flag sums where `close_due` cases are registered, `onTime` of them closed on time and `reworked` reworked. */
function counts(closeDue: number, onTime: number, reworked = 0): FlagCounts {
  return {
    reports: closeDue + 10, valid: closeDue, registered: closeDue, dispatch_due: closeDue, dispatched_on_time: closeDue,
    handle_due: closeDue, handled_on_time: onTime, extended: 0, close_due: closeDue, closed: closeDue, closed_on_time: onTime, reworked
  };
}
const unit = (label: string, closeDue: number, onTime: number, reworked = 0): UnitCounts => ({label, ...counts(closeDue, onTime, reworked)});

function month(m: string, total: FlagCounts, extra: Partial<MonthFigures> = {}): MonthFigures {
  return {month: m, total, streets: [], departments: [], undispatched: null, problems: [], hotline: null, ...extra};
}

/** The text of every paragraph, heading, table cell and note, in order. */
function texts(doc: OfficialDocument): string[] {
  return doc.blocks.flatMap((b: Block) => (b.kind === "table" ? [b.title ?? "", ...b.columns.map((c) => c.label), ...b.rows.flatMap((r) => r.cells), ...(b.notes ?? [])] : [b.text]));
}

describe("changes in words", () => {
  test("counts: the difference and the relative change; rates: percentage points", () => {
    expect(countChangeText(112, 93, "份")).toBe("增加19份（增长20.4%）");
    expect(countChangeText(3, 4, "件")).toBe("减少1件（下降25%）");
    expect(countChangeText(3, 3, "件")).toBe("持平");
    expect(countChangeText(5, 0, "件")).toBe("增加5件");
    expect(countChangeText(5, null, "件")).toBeNull();
    expect(rateChangeText(0.883, 0.871)).toBe("提高1.2个百分点");
    expect(rateChangeText(0.5, 0.75)).toBe("下降25个百分点");
    expect(rateChangeText(0.88301, 0.8830)).toBe("持平");
    expect(rateChangeText(0.9, null)).toBeNull();
  });
});

describe("综合指标值", () => {
  test("Σ weight × rate, with (1 − rate) for lower-is-better indicators, 0 to 100", () => {
    const row = withRates(counts(100, 90, 5));
    // 按期处置率 0.9 × 40 + 结案率 1 × 30 + (1 − 返工率 0.05) × 30
    expect(compositeScore(row, settings.bulletin.composite!)).toBeCloseTo(36 + 30 + 28.5, 10);
    expect(compositeScore(withRates(counts(10, 10)), settings.bulletin.composite!)).toBeCloseTo(100, 10);
  });

  test("no score when a weighted rate has no denominator", () => {
    expect(compositeScore(withRates(counts(0, 0)), settings.bulletin.composite!)).toBeNull();
  });

  test("the formula printed under the table names the weights", () => {
    expect(compositeFormula(settings.bulletin.composite!)).toBe("综合指标值 = 按期处置率 × 40% + 结案率 × 30% + （1 − 返工率）× 30%");
  });

  test("an indicator the pages do not define is refused", () => {
    expect(() => compositeScore({}, [{indicator: "speed" as never, weight: 100}])).toThrow("未知指标“speed”");
  });
});

describe("ranking by 按期结案率", () => {
  const units = [unit("甲", 100, 95), unit("乙", 50, 40), unit("丙", 200, 190), unit("丁", 0, 0), unit("戊", 20, 16)];
  const ranked = rankUnits(units, settings.bulletin);

  test("highest first; equal rates share a place; a unit without 应结案 has none and comes last", () => {
    expect(ranked.map((u) => [u.label, u.rank])).toEqual([["丙", 1], ["甲", 1], ["乙", 3], ["戊", 3], ["丁", null]]);
  });

  test("units below the bureau's standard are marked", () => {
    expect(ranked.filter((u) => u.belowStandard).map((u) => u.label)).toEqual(["乙", "戊"]);
    expect(rankUnits(units, {...settings.bulletin, threshold: 80}).filter((u) => u.belowStandard)).toEqual([]);
  });

  test("the composite score has its own ranking; none without weights", () => {
    expect(ranked.find((u) => u.label === "丙")!.composite).toBeCloseTo(0.95 * 40 + 30 + 30, 10);
    expect(ranked.find((u) => u.label === "丙")!.compositeRank).toBe(1);
    expect(rankUnits(units, {...settings.bulletin, composite: undefined}).every((u) => u.composite == null)).toBe(true);
  });
});

describe("the monthly bulletin", () => {
  const figures: BulletinFigures = {
    months: ["2024-03", "2025-02", "2025-03"],
    byMonth: {
      "2024-03": month("2024-03", counts(80, 64), {hotline: {orders: 100, completed: 90, rated: 50, satisfied: 40, channels: [{label: "12345热线", n: 100}]}}),
      "2025-02": month("2025-02", counts(90, 81, 9)),
      "2025-03": month("2025-03", counts(100, 88, 4), {
        streets: [unit("文峰街道", 60, 57), unit("高桥营街道", 40, 31, 4)],
        departments: [unit("区市政设施维护中心", 70, 66), unit("国网许昌供电公司", 10, 5)],
        undispatched: counts(20, 0),
        problems: [
          {type: "event", typeName: "事件", label: "店外经营", n: 30},
          {type: "event", typeName: "事件", label: "暴露垃圾", n: 20},
          {type: "event", typeName: "事件", label: "机动车乱停放", n: 10},
          {type: "event", typeName: "事件", label: "非法小广告", n: 5},
          {type: "component", typeName: "部件", label: "路灯", n: 8}
        ],
        hotline: {orders: 120, completed: 114, rated: 60, satisfied: 45, channels: [{label: "12345热线", n: 80}, {label: "12319热线", n: 40}]}
      })
    }
  };
  const doc = bulletinContent({month: "2025-03", figures, settings});
  const all = texts(doc).join("\n");

  test("title, 主送机关, sections 一 to 六, signature the following month", () => {
    expect(doc.title).toEqual(["关于2025年3月数字城管运行情况的通报"]);
    expect(doc.blocks[0]).toEqual({kind: "paragraph", text: "各街道办事处：", flush: true});
    expect(doc.blocks.filter((b) => b.kind === "heading1").map((b) => (b as {text: string}).text)).toEqual(["一、总体运行情况", "二、高发问题", "三、各街道按期结案率排名", "四、各处置部门按期结案率排名", "五、热线诉求办理情况", "六、下一步工作要求"]);
    expect(doc.signature).toEqual({issuer: "魏都区数字化城市管理监督指挥中心", date: "2025年4月　日"});
    expect(doc.fileName).toBe("2025年3月数字城管运行情况通报.docx");
  });

  test("the indicators with numerators and denominators, the month before and the year before", () => {
    const table = doc.blocks.find((b) => b.kind === "table")!;
    if (table.kind !== "table") throw new Error("no table");
    const row = (label: string) => table.rows.find((r) => r.cells[0] === label)?.cells;
    // 指标, 分子 / 分母, 本月, 上月, 环比, 上年同月, 同比
    expect(row("按期结案率")).toEqual(["按期结案率", "88 / 100", "88.0%", "90.0%", "−2.0", "80.0%", "+8.0"]);
    expect(row("返工率")).toEqual(["返工率", "4 / 100", "4.0%", "10.0%", "−6.0", "0.0%", "+4.0"]);
    expect(row("上报案卷数")).toEqual(["上报案卷数", "—", "110", "100", "+10.0%", "90", "+22.2%"]);
    expect(all).toContain("按期结案率88.0%");
    expect(all).toContain("与上月相比，上报案卷增加10件（增长10%），结案率持平，按期结案率下降2个百分点，返工率下降6个百分点");
    expect(all).toContain("与上年同月相比，上报案卷增加20件（增长22.2%）");
  });

  test("the top three problems of each type", () => {
    expect(all).toContain("事件类问题前三位依次为店外经营（30件，占本月上报的27.3%）、暴露垃圾（20件，占本月上报的18.2%）、机动车乱停放（10件，占本月上报的9.1%）；部件类问题最多的是路灯（8件");
    expect(all).not.toContain("非法小广告");
  });

  test("streets and departments ranked by 按期结案率, units below the standard marked, weights under the table", () => {
    const tables = doc.blocks.filter((b) => b.kind === "table").slice(1);
    const [streets, departments] = tables.map((t) => (t.kind === "table" ? t : null)!);
    expect(streets.rows.map((r) => [r.cells[0], r.cells[1], r.cells[4], r.marked])).toEqual([["1", "文峰街道", "95.0%", false], ["2", "▲高桥营街道", "77.5%", true]]);
    expect(streets.columns.map((c) => c.label)).toEqual(["排名", "街道", "应结案数", "按期结案数", "按期结案率", "按期处置率", "结案率", "返工率", "综合指标值", "综合排名"]);
    expect(streets.notes!.join("")).toContain("综合指标值 = 按期处置率 × 40% + 结案率 × 30% + （1 − 返工率）× 30%");
    expect(departments.rows.map((r) => r.cells[1])).toEqual(["区市政设施维护中心", "▲国网许昌供电公司"]);
    expect(departments.notes!.join("")).toContain("未派遣的立案案卷20件不计入处置部门排名");
    expect(all).toContain("按期结案率低于90%的街道有1个：高桥营街道（77.5%）");
  });

  test("many units below the standard are left to the table's marks rather than listed", () => {
    const many = Array.from({length: 7}, (_, i) => unit(`街道${i + 1}`, 100, 80 - i));
    const text = texts(bulletinContent({month: "2025-03", figures: {...figures, byMonth: {...figures.byMonth, "2025-03": {...figures.byMonth["2025-03"], streets: many}}}, settings})).join("\n");
    expect(text).toContain("按期结案率低于90%的街道有7个，在表中以“▲”标注。");
    expect(text).toContain("排名后三位的为街道5（76.0%）、街道6（75.0%）、街道7（74.0%）");
  });

  test("the hotline's volume, 办结率 and 满意率 with last year's month (no month before: not compared)", () => {
    expect(all).toContain("热线共受理群众诉求120件（12345热线80件，12319热线40件），办结114件，办结率95.0%；回访评价60件，其中满意45件，满意率75.0%。与上年同月相比，受理量增加20件（增长20%），办结率提高5个百分点，满意率下降5个百分点。");
    expect(all).not.toMatch(/与上月相比，受理量/);
  });

  test("narrative is a placeholder; no case-level data appears", () => {
    expect(all).toContain("【待填写：针对排名靠后的街道、部门和高发问题提出工作要求】");
  });

  test("a month without data is refused in Chinese", () => {
    expect(() => bulletinContent({month: "2025-04", figures, settings})).toThrow("没有 2025-04 的数字城管或热线数据：可选 2024-03 至 2025-03");
  });

  test("months shift across years", () => {
    expect(shiftMonth("2025-01", 1)).toBe("2024-12");
    expect(shiftMonth("2025-03", 12)).toBe("2024-03");
    expect(shiftMonth("2025-12", -1)).toBe("2026-01");
  });
});

describe("the annual report draft", () => {
  const count = (value: number) => ({id: "count", value, numerator: value, denominator: null});
  const figures: AnnualFigures = {
    years: [2023, 2024],
    metrics: {
      2023: {guidance_documents: count(93), rectification_orders: count(62), penalty_decisions: count(11), enforcement_applications: count(2), training_sessions: count(10)},
      2024: {
        guidance_documents: count(112), rectification_orders: count(73), penalty_decisions: count(12), enforcement_applications: count(3), training_sessions: count(12),
        legal_review_rate: {id: "legal_review_rate", value: 1, numerator: 17, denominator: 17}
      }
    },
    breakdowns: {
      publicity_levels: {2023: [{label: "市级", n: 394}], 2024: [{label: "市级", n: 352}, {label: "省级", n: 53}, {label: "区级", n: 43}, {label: "国家级", n: 12}]}
    }
  };
  const target = (t: Partial<TargetReport>): TargetReport => ({
    id: "x", name: "x", metric: "x", metricName: null, definition: null, unit: "%", direction: "higher", target: 100, note: null,
    actual: null, numerator: null, denominator: null, progress: null, status: "无数据", message: null, path: [], ...t
  });
  const plan2025: PlanReport = {
    year: 2025, title: "2025年度推进法治政府建设目标", source: null, through: "2025-06", errors: [],
    targets: [
      target({id: "legal_review_rate", name: "法制审核率", metric: "legal_review_rate", metricName: "法制审核率", definition: "经法制审核的普通程序案件数 / 普通程序案件数", target: 100, actual: 92.5, numerator: 37, denominator: 40, status: "滞后"}),
      target({id: "guidance", name: "指导书", metric: "guidance_documents", unit: "份", target: 120, actual: 70, status: "进行中"})
    ]
  };

  test("the 2024 draft: the seed's structure, its sentences with the year before, placeholders for narrative", () => {
    const doc = annualReportContent({year: 2024, figures, plans: [plan2025], settings, latestMonth: "2025-06"});
    const all = texts(doc);
    expect(doc.title).toEqual(["魏都区城市管理局", "关于2024年法治政府建设情况的报告"]);
    expect(doc.blocks.filter((b) => b.kind === "heading1").map((b) => (b as {text: string}).text.slice(0, 2))).toEqual(["一、", "二、", "三、", "四、"]);
    expect(doc.blocks.filter((b) => b.kind === "heading2").map((b) => (b as {text: string}).text.slice(0, 3))).toEqual(["（一）", "（二）", "（三）", "（四）", "（五）", "（一）"]);
    expect(all).toContain("2024年以来，共下达各类《城市管理行政意见指导书》112份、《责令停止（改正）违法行为通知书》73份，《行政处罚决定书》12份，申请法院强制执行3件。与2023年相比，行政意见指导书增加19份（增长20.4%），责令停止（改正）违法行为通知书增加11份（增长17.7%），行政处罚决定书增加1份（增长9.1%），申请法院强制执行增加1件（增长50%）。");
    expect(all).toContain("2024年我局共发表宣传信息460篇，其中国家级12篇，省级53篇，市级352篇，区级43篇。与2023年相比，宣传信息增加66篇（增长16.8%）。");
    expect(all.filter((t) => t.includes("【待填写")).length).toBeGreaterThanOrEqual(8);
    expect(doc.signature).toEqual({issuer: "魏都区城市管理局", date: "2025年　月　日"});
  });

  test("no plan for the year: no target table; next year's plan file is the targets section", () => {
    const doc = annualReportContent({year: 2024, figures, plans: [plan2025], settings, latestMonth: "2025-06"});
    const tables = doc.blocks.filter((b) => b.kind === "table");
    expect(tables.map((t) => (t as {title: string}).title)).toEqual(["表1　2025年度目标（草案）"]);
    const table = tables[0] as Extract<Block, {kind: "table"}>;
    // the 2024 actual in the target's unit: a rate in percent, a count as is
    expect(table.rows.map((r) => r.cells)).toEqual([
      ["1", "法制审核率", "100.0%", "≥ 100.0%", "经法制审核的普通程序案件数 / 普通程序案件数"],
      ["2", "指导书", "112 份", "≥ 120 份", ""]
    ]);
    expect(texts(doc)).toContain("2025年度目标已列入年度目标配置，共2项，见表1。");
  });

  test("a year with a plan: targets with actual, numerator / denominator and status; the next year's draft from the current plan", () => {
    const doc = annualReportContent({year: 2025, figures: {...figures, years: [2023, 2024, 2025], metrics: {...figures.metrics, 2025: {guidance_documents: count(70)}}}, plans: [plan2025], settings, latestMonth: "2025-06"});
    const all = texts(doc);
    const [done, draft] = doc.blocks.filter((b) => b.kind === "table") as Extract<Block, {kind: "table"}>[];
    expect(done.title).toBe("表1　2025年度目标完成情况");
    expect(done.rows.map((r) => [r.cells, r.marked])).toEqual([
      [["1", "法制审核率", "≥ 100.0%", "92.5%", "37 / 40", "滞后"], true],
      [["2", "指导书", "≥ 120 份", "70 份", "—", "进行中"], false]
    ]);
    expect(done.notes).toContain("1. 法制审核率 = 经法制审核的普通程序案件数 / 普通程序案件数。");
    expect(all).toContain("2025年度共设定目标2项（数据截至2025年6月），其中进行中1项，滞后1项，详见表1。");
    expect(all).toContain("2025年，【待填写：总体情况】（本报告统计数据截至2025年6月。）现将有关情况报告如下：");
    expect(all.find((t) => t.startsWith("【待填写：存在的不足"))).toBe("【待填写：存在的不足。数据提示：“法制审核率”实际92.5%，目标≥ 100.0%】");
    expect(draft.title).toBe("表2　2026年度目标（草案）");
    expect(draft.rows.map((r) => r.cells.slice(0, 4))).toEqual([["1", "法制审核率", "—", "≥ 100.0%"], ["2", "指导书", "70 份", "≥ 120 份"]]);
    expect(all).toContain("以2025年度目标为基础拟定2026年度目标草案，共2项，目标值暂按2025年度填列，见表2。【待填写：目标值调整说明】");
  });

  test("a year without data is refused in Chinese", () => {
    expect(() => annualReportContent({year: 2030, figures, plans: [], settings, latestMonth: null})).toThrow("没有 2030 年的数据：可选 2023、2024");
  });
});

describe("data/documents.yaml", () => {
  test("the shipped file is valid", () => {
    const shipped = readDocumentSettings("data/documents.yaml");
    expect(shipped.bulletin.composite!.reduce((s, w) => s + w.weight, 0)).toBe(100);
  });

  test.each([
    ["weights that do not sum to 100", "    - indicator: close_rate\n      weight: 50\n", 7, "权重之和必须为 100"],
    ["an unknown indicator", "    - indicator: speed\n      weight: 100\n", 7, "取值不在允许范围内"]
  ])("%s: a Chinese error naming the file and the line", (_, composite, line, words) => {
    const dir = mkdtempSync(join(tmpdir(), "documents-yaml-"));
    const file = join(dir, "documents.yaml");
    writeFileSync(file, `report:\n  issuer: 局\nbulletin:\n  issuer: 中心\n  threshold: 90\n  composite:\n${composite}`);
    try {
      readDocumentSettings(file);
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).line).toBe(line);
      expect((error as Error).message).toContain(words);
      expect((error as Error).message).toContain(file);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
