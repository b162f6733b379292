/**
 * The draft of the annual 法治政府建设情况报告: a pure function from the published JSON (annual.json, plan.json,
 * documents.json and meta.json's latest month) to a document (official-document.ts). It follows the 2024 report's
 * structure: title, 一 to 四 and their （一）（二） parts. The statistical paragraphs are report-text.ts's sentences with
 * their year-on-year changes; what only people can write is a highlighted 【待填写】 placeholder.
 */
import type {DocumentSettings} from "../../loaders/documents-config.ts";
import type {PlanReport, TargetReport} from "../../loaders/publish/plan.ts";
import {formatInteger, formatMonth, formatValue} from "./number-format.js";
import type {Block, OfficialDocument, TableRowData} from "./official-document.js";
import {reportSentences, type AnnualFigures, type Sentence} from "./report-text.js";

export interface AnnualReportInput {
  year: number;
  figures: AnnualFigures;
  plans: readonly PlanReport[];
  settings: DocumentSettings;
  /** The latest month with data ("YYYY-MM"), to say when the year is not complete. */
  latestMonth: string | null;
}

const placeholder = (what: string): Block => ({kind: "paragraph", text: `【待填写：${what}】`});

/** A target's value in its unit from a metric value: rates are fractions in the data and percent in targets (loaders/publish/plan.ts). */
export function inTargetUnit(value: number | null | undefined, unit: string): number | null {
  return value == null ? null : unit === "%" ? value * 100 : value;
}

const bound = (t: Pick<TargetReport, "direction" | "target" | "unit">) => `${t.direction === "lower" ? "≤" : "≥"} ${formatValue(t.target, t.unit)}`;

function planSection(plan: PlanReport, year: number): Block[] {
  const count = (status: string) => plan.targets.filter((t) => t.status === status).length;
  const statuses = ["达标", "进行中", "滞后", "无数据"].map((s) => [s, count(s)] as const).filter(([, n]) => n > 0);
  const through = plan.through ? `（数据截至${formatMonth(plan.through)}）` : "";
  const rates = plan.targets.filter((t) => t.denominator != null && t.definition);
  const rows: TableRowData[] = plan.targets.map((t, i) => ({
    marked: t.status === "滞后",
    cells: [formatInteger(i + 1), t.name, bound(t), formatValue(t.actual, t.unit), t.denominator == null ? "—" : `${formatInteger(t.numerator)} / ${formatInteger(t.denominator)}`, t.status]
  }));
  return [
    {kind: "heading2", text: `（六）${year}年度目标完成情况`},
    {kind: "paragraph", text: `${year}年度共设定目标${formatInteger(plan.targets.length)}项${through}，其中${statuses.map(([s, n]) => `${s}${formatInteger(n)}项`).join("，")}，详见表1。`},
    {
      kind: "table",
      title: `表1　${year}年度目标完成情况`,
      columns: [
        {label: "序号", width: 1},
        {label: "目标", width: 4.4, align: "left"},
        {label: "目标值", width: 2},
        {label: "实际值", width: 2},
        {label: "分子 / 分母", width: 2.2},
        {label: "状态", width: 1.4}
      ],
      rows,
      notes: [
        "注：实际值由看板按年度目标配置中的指标计算；状态为“滞后”的目标加灰底标注。",
        ...rates.map((t, i) => `${i + 1}. ${t.metricName ?? t.name} = ${t.definition}。`)
      ]
    }
  ];
}

function shortfalls(plan: PlanReport | undefined): string {
  const behind = plan?.targets.filter((t) => t.status === "滞后") ?? [];
  const hint = behind.length ? `。数据提示：${behind.map((t) => `“${t.name}”实际${formatValue(t.actual, t.unit)}，目标${bound(t)}`).join("；")}` : "";
  return `存在的不足${hint}`;
}

function nextYearSection(input: AnnualReportInput, table: number): Block[] {
  const {year, figures, plans} = input;
  const next = year + 1;
  const nextPlan = plans.find((p) => p.year === next);
  const base = nextPlan ?? [...plans].reverse().find((p) => p.year <= year) ?? plans.at(-1);
  const blocks: Block[] = [{kind: "heading2", text: `（一）${next}年度目标（草案）`}];
  if (!base) return [...blocks, placeholder(`${next}年度目标`)];
  const actual = (t: TargetReport) => inTargetUnit(figures.metrics[year]?.[t.metric]?.value, t.unit);
  const intro = nextPlan
    ? `${next}年度目标已列入年度目标配置，共${formatInteger(base.targets.length)}项，见表${table}。`
    : `以${base.year}年度目标为基础拟定${next}年度目标草案，共${formatInteger(base.targets.length)}项，目标值暂按${base.year}年度填列，见表${table}。【待填写：目标值调整说明】`;
  return [
    ...blocks,
    {kind: "paragraph", text: intro},
    {
      kind: "table",
      title: `表${table}　${next}年度目标（草案）`,
      columns: [
        {label: "序号", width: 1.1},
        {label: "目标", width: 4.2, align: "left"},
        {label: `${year}年实际`, width: 2.4},
        {label: `${next}年目标`, width: 2.4},
        {label: "说明", width: 5, align: "left"}
      ],
      rows: base.targets.map((t, i) => ({cells: [formatInteger(i + 1), t.name, formatValue(actual(t), t.unit), bound(t), t.note ?? t.definition ?? ""]})),
      notes: nextPlan ? [] : [`注：目标值取自${base.year}年度目标配置（${base.title}），修改后请同步更新下一年度的目标配置文件。`]
    }
  ];
}

/** A statistical paragraph: the sentence and its year-on-year change. */
const stated = (s: Sentence | undefined): Block[] => (s ? [{kind: "paragraph", text: `${s.text}${s.comparison ?? ""}`}] : []);

/** The annual report draft of `year`. */
export function annualReportContent(input: AnnualReportInput): OfficialDocument {
  const {year, figures, plans, settings, latestMonth} = input;
  if (!figures.years.includes(year)) {
    throw new Error(`没有 ${year} 年的数据：可选 ${figures.years.join("、") || "（无）"}`);
  }
  const sentences = reportSentences(figures, year);
  const s = (id: string) => stated(sentences.find((x) => x.id === id));
  const incomplete = latestMonth != null && latestMonth < `${year}-12`;
  const issuer = settings.report.issuer;
  const plan = plans.find((p) => p.year === year);
  const blocks: Block[] = [
    {kind: "paragraph", text: `${year}年，【待填写：总体情况】${incomplete ? `（本报告统计数据截至${formatMonth(latestMonth!)}。）` : ""}现将有关情况报告如下：`},
    {kind: "heading1", text: "一、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"},
    placeholder("学习贯彻习近平法治思想、落实第一责任人职责、健全工作机制的情况"),
    {kind: "heading1", text: "二、推进法治政府建设的主要举措和成效"},
    {kind: "heading2", text: "（一）坚持党对城市管理法治建设工作的领导"},
    placeholder("加强党的领导的举措"),
    {kind: "heading2", text: "（二）坚持以习近平法治思想引领法治建设"},
    placeholder("学习宣传贯彻的举措"),
    {kind: "heading2", text: "（三）完善执法制度，规范执法行为"},
    placeholder("执法制度建设和规范执法的举措"),
    ...s("enforcement"),
    ...s("legal_review"),
    ...s("review"),
    {kind: "heading2", text: "（四）加大宣传力度，营造法治氛围"},
    placeholder("普法责任制落实和宣传工作的举措"),
    ...s("publicity"),
    ...s("activities"),
    ...s("training"),
    {kind: "heading2", text: "（五）优化营商环境，提升服务效能"},
    placeholder("服务群众和优化营商环境的举措"),
    ...s("platform"),
    ...s("hotline"),
    ...(plan ? planSection(plan, year) : []),
    {kind: "heading1", text: "三、推进法治政府建设存在的不足"},
    placeholder(shortfalls(plan)),
    {kind: "heading1", text: `四、${year + 1}年度推进法治政府建设的初步安排`},
    placeholder(`${year + 1}年度工作安排`),
    ...nextYearSection(input, plan ? 2 : 1)
  ];
  return {
    title: [issuer, `关于${year}年法治政府建设情况的报告`],
    blocks,
    signature: {issuer, date: `${year + 1}年　月　日`},
    fileName: `${issuer}关于${year}年法治政府建设情况的报告（初稿）.docx`,
    description: `由城管统计看板根据${year}年数据生成的初稿；【待填写】处需人工撰写。`
  };
}
