/**
 * The monthly 数字城管运行情况通报: a pure function from the published bulletin figures (src/data/bulletin.json,
 * loaders/publish/bulletin.ts) and the bureau's settings (src/data/documents.json) to a document (official-document.ts).
 * Rates come from platform-indicators.ts `withRates`, the function the 数字城管案件 page uses; changes from kpi.ts.
 */
import type {BulletinFigures, FlagCounts, MonthFigures, UnitCounts} from "../../loaders/publish/bulletin.ts";
import type {DocumentSettings} from "../../loaders/documents-config.ts";
import {countChangeText, rateChangeText} from "./change-text.js";
import {compositeFormula, compositeScore} from "./composite-score.js";
import type {Row} from "./query.js";
import {formatChange, pointsChange, relativeChange} from "./kpi.js";
import {formatDecimal, formatInteger, formatMonth, formatPercent, formatScore} from "./number-format.js";
import type {Block, OfficialDocument, TableColumn, TableRowData} from "./official-document.js";
import {INDICATORS, withRates} from "./platform-indicators.js";

export type {BulletinFigures};

export interface BulletinInput {
  /** "YYYY-MM" */
  month: string;
  figures: BulletinFigures;
  settings: DocumentSettings;
}

/** "2025-02" for "2025-03", "2024-03" for `monthsBack` 12. */
export function shiftMonth(month: string, monthsBack: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - monthsBack;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A unit of a ranking table, with its rates, 综合指标值 and places. */
export interface RankedUnit {
  label: string;
  row: Row;
  /** 按期结案率 rank (1 = highest; equal rates share a rank). */
  rank: number | null;
  composite: number | null;
  compositeRank: number | null;
  /** 按期结案率 below the bureau's standard. */
  belowStandard: boolean;
}

/** Competition ranks ("1224") of `values`, highest first; null values get no rank. */
function ranks(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v == null ? null : 1 + values.filter((o) => o != null && o > v).length));
}

/**
 * Streets or departments ranked by 按期结案率 (ties: the larger 应结案数 first, then the name), each with its
 * 综合指标值 and that score's own rank when the settings weight one.
 */
export function rankUnits(units: readonly UnitCounts[], settings: DocumentSettings["bulletin"]): RankedUnit[] {
  const rows = units.map((u) => withRates(u));
  const composite = rows.map((r) => (settings.composite ? compositeScore(r, settings.composite) : null));
  const rank = ranks(rows.map((r) => r.ontime_close_rate));
  const compositeRank = ranks(composite);
  const list = rows.map((row, i) => ({
    label: String(row.label),
    row,
    rank: rank[i],
    composite: composite[i],
    compositeRank: compositeRank[i],
    belowStandard: row.ontime_close_rate != null && row.ontime_close_rate * 100 < settings.threshold
  }));
  return list.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.row.close_due - a.row.close_due || a.label.localeCompare(b.label, "zh-CN"));
}

/** The month, the month before and the same month a year earlier, with rates (null where there is no data). */
export function monthWithComparisons(figures: BulletinFigures, month: string): {current: MonthFigures; previous: MonthFigures | null; lastYear: MonthFigures | null} {
  const current = figures.byMonth[month];
  if (!current) {
    const span = figures.months.length ? `可选 ${figures.months[0]} 至 ${figures.months.at(-1)}` : "尚无任何月份的数据";
    throw new Error(`没有 ${month} 的数字城管或热线数据：${span}`);
  }
  return {current, previous: figures.byMonth[shiftMonth(month, 1)] ?? null, lastYear: figures.byMonth[shiftMonth(month, 12)] ?? null};
}

const rated = (counts: FlagCounts | null | undefined): Row | null => (counts ? withRates(counts) : null);
const monthName = (month: string) => `${Number(month.slice(5, 7))}月`;

const COUNTS = [
  {key: "reports", label: "上报案卷数"},
  {key: "valid", label: "受理（有效上报）数"},
  {key: "registered", label: "立案数"},
  {key: "closed", label: "结案数"}
] as const;

function overview(m: string, now: Row, before: Row | null, lastYear: Row | null): Block[] {
  const rate = (key: string) => formatPercent(now[key]);
  const changes = (other: Row | null, what: string): string | null => {
    if (!other) return null;
    const parts = [
      `上报案卷${countChangeText(now.reports, other.reports, "件")}`,
      `结案率${rateChangeText(now.close_rate, other.close_rate)}`,
      `按期结案率${rateChangeText(now.ontime_close_rate, other.ontime_close_rate)}`,
      `返工率${rateChangeText(now.rework_rate, other.rework_rate)}`
    ];
    return `与${what}相比，${parts.join("，")}`;
  };
  const compared = [changes(before, "上月"), changes(lastYear, "上年同月")].filter((c) => c != null);
  const text =
    `${monthName(m)}，全区数字化城市管理平台共上报案卷${formatInteger(now.reports)}件，受理有效上报${formatInteger(now.valid)}件，立案${formatInteger(now.registered)}件，结案${formatInteger(now.closed)}件；` +
    `结案率${rate("close_rate")}，按期结案率${rate("ontime_close_rate")}，返工率${rate("rework_rate")}，延期率${rate("extension_rate")}。` +
    (compared.length ? `${compared.join("；")}。` : "");
  // in the table a rate's change is in points without the unit, which the note states
  const change = (key: string, other: Row | null, kind: "relative" | "points") => {
    if (!other) return "—";
    const c = kind === "points" ? pointsChange(now[key], other[key]) : relativeChange(now[key], other[key]);
    return c == null ? "—" : formatChange(c, kind).replace(/\s*个百分点$/, "");
  };
  const rows: TableRowData[] = [
    ...COUNTS.map((c) => ({cells: [c.label, "—", formatInteger(now[c.key]), before ? formatInteger(before[c.key]) : "—", change(c.key, before, "relative"), lastYear ? formatInteger(lastYear[c.key]) : "—", change(c.key, lastYear, "relative")]})),
    ...INDICATORS.map((i) => ({
      cells: [
        i.label,
        `${formatInteger(now[i.numerator])} / ${formatInteger(now[i.denominator])}`,
        formatPercent(now[i.key]),
        before ? formatPercent(before[i.key]) : "—",
        change(i.key, before, "points"),
        lastYear ? formatPercent(lastYear[i.key]) : "—",
        change(i.key, lastYear, "points")
      ]
    }))
  ];
  const denominators = INDICATORS.map((i) => `${i.label}为${i.denominatorLabel}`).join("，");
  return [
    {kind: "paragraph", text},
    {
      kind: "table",
      title: `表1　${formatMonth(m)}数字城管主要指标`,
      size: "5号",
      columns: [
        {label: "指标", width: 3.4, align: "left"},
        {label: "分子 / 分母", width: 2.8, align: "right"},
        {label: "本月", width: 1.8, align: "right"},
        {label: "上月", width: 1.8, align: "right"},
        {label: "环比", width: 1.6, align: "right"},
        {label: "上年同月", width: 1.8, align: "right"},
        {label: "同比", width: 1.6, align: "right"}
      ],
      rows,
      notes: [
        `注：1. 按上报时间统计本月上报的案卷。2. 比率的分母：${denominators}。3. 件数的环比、同比为增减百分比，比率的环比、同比为增减的百分点。`
      ]
    }
  ];
}

/** "前两位", "前三位". */
const TOP_WORDS: Record<number, string> = {2: "两", 3: "三"};

function problems(m: MonthFigures): Block[] {
  const types = [...new Set(m.problems.map((p) => p.type))].sort((a, b) => (a === "event" ? -1 : b === "event" ? 1 : a.localeCompare(b)));
  if (types.length === 0) return [{kind: "paragraph", text: `${monthName(m.month)}无上报案卷。`}];
  const total = m.total?.reports ?? 0;
  const parts = types.map((type) => {
    const top = m.problems.filter((p) => p.type === type).slice(0, 3);
    const list = top.map((p) => `${p.label}（${formatInteger(p.n)}件，占本月上报的${formatPercent(total ? p.n / total : null)}）`).join("、");
    return top.length === 1 ? `${top[0].typeName}类问题最多的是${list}` : `${top[0].typeName}类问题前${TOP_WORDS[top.length]}位依次为${list}`;
  });
  return [{kind: "paragraph", text: `${monthName(m.month)}，${parts.join("；")}。`}];
}

/** The columns of a ranking table: 按期结案率 and, when a 综合指标值 is weighted, its indicators and the score. */
function rankingTable(title: string, unitLabel: string, ranked: RankedUnit[], settings: DocumentSettings["bulletin"], extraNotes: string[]): Block {
  const weighted = (settings.composite ?? []).map((w) => w.indicator).filter((k) => k !== "ontime_close_rate");
  const rateKeys = [...new Set<string>(weighted.length ? weighted : ["close_rate", "rework_rate"])];
  const rateColumns = rateKeys.map((k) => INDICATORS.find((i) => i.key === k)!);
  const columns: TableColumn[] = [
    {label: "排名", width: 1.1},
    {label: unitLabel, width: unitLabel === "处置部门" ? 4.2 : 3},
    {label: "应结案数", width: 1.5, align: "right"},
    {label: "按期结案数", width: 1.5, align: "right"},
    {label: "按期结案率", width: 1.7, align: "right"},
    ...rateColumns.map((i) => ({label: i.label, width: 1.75, align: "right" as const})),
    ...(settings.composite ? [{label: "综合指标值", width: 1.6, align: "right" as const}, {label: "综合排名", width: 1.2}] : [])
  ];
  const rows = ranked.map((u) => ({
    marked: u.belowStandard,
    cells: [
      u.rank == null ? "—" : formatInteger(u.rank),
      `${u.belowStandard ? "▲" : ""}${u.label}`,
      formatInteger(u.row.close_due),
      formatInteger(u.row.closed_on_time),
      formatPercent(u.row.ontime_close_rate),
      ...rateColumns.map((i) => formatPercent(u.row[i.key])),
      ...(settings.composite ? [formatScore(u.composite), u.compositeRank == null ? "—" : formatInteger(u.compositeRank)] : [])
    ]
  }));
  const notes = [
    `注：1. 按期结案率 = 按期结案数 / 应结案数，按其由高到低排名；▲ 表示按期结案率低于${formatDecimal(settings.threshold)}%。`,
    ...(settings.composite ? [`2. ${compositeFormula(settings.composite)}，满分 100，按其由高到低为综合排名。`] : []),
    ...extraNotes.map((n, i) => `${(settings.composite ? 3 : 2) + i}. ${n}`)
  ];
  return {kind: "table", title, size: "5号", columns, rows, notes};
}

/** Units below the standard are named in the text up to this many; more are left to the table's marks. */
const LISTED_BELOW = 5;

function rankingText(ranked: RankedUnit[], noun: string, settings: DocumentSettings["bulletin"]): string {
  const withRate = ranked.filter((u) => u.rank != null);
  if (withRate.length === 0) return `本月各${noun}均无应结案案卷。`;
  const show = (u: RankedUnit) => `${u.label}（${formatPercent(u.row.ontime_close_rate)}）`;
  const top = withRate.slice(0, 3);
  const bottom = withRate.length > 6 ? withRate.slice(-3) : [];
  const below = withRate.filter((u) => u.belowStandard);
  return (
    (top.length === 1 ? `按期结案率排名第一的${noun}为${show(top[0])}` : `按期结案率排名前${TOP_WORDS[top.length]}位的${noun}为${top.map(show).join("、")}`) +
    (bottom.length ? `，排名后三位的为${bottom.map(show).join("、")}` : "") +
    `。` +
    (below.length === 0
      ? `各${noun}按期结案率均达到${formatDecimal(settings.threshold)}%。`
      : below.length <= LISTED_BELOW
        ? `按期结案率低于${formatDecimal(settings.threshold)}%的${noun}有${formatInteger(below.length)}个：${below.map(show).join("、")}。`
        : `按期结案率低于${formatDecimal(settings.threshold)}%的${noun}有${formatInteger(below.length)}个，在表中以“▲”标注。`)
  );
}

function hotline(m: MonthFigures, before: MonthFigures | null, lastYear: MonthFigures | null): Block[] {
  const h = m.hotline;
  if (!h) return [{kind: "paragraph", text: `${monthName(m.month)}无热线工单数据。`}];
  const completion = h.orders ? h.completed / h.orders : null;
  const satisfaction = h.rated ? h.satisfied / h.rated : null;
  const changes = (other: MonthFigures | null, what: string) => {
    const o = other?.hotline;
    if (!o) return null;
    return `与${what}相比，受理量${countChangeText(h.orders, o.orders, "件")}，办结率${rateChangeText(completion, o.orders ? o.completed / o.orders : null)}，满意率${rateChangeText(satisfaction, o.rated ? o.satisfied / o.rated : null)}`;
  };
  const compared = [changes(before, "上月"), changes(lastYear, "上年同月")].filter((c) => c != null);
  return [
    {
      kind: "paragraph",
      text:
        `${monthName(m.month)}，热线共受理群众诉求${formatInteger(h.orders)}件（${h.channels.map((c) => `${c.label}${formatInteger(c.n)}件`).join("，")}），` +
        `办结${formatInteger(h.completed)}件，办结率${formatPercent(completion)}；回访评价${formatInteger(h.rated)}件，其中满意${formatInteger(h.satisfied)}件，满意率${formatPercent(satisfaction)}。` +
        (compared.length ? `${compared.join("；")}。` : "")
    }
  ];
}

/**
 * The bulletin of one month.
 * @throws Error (Chinese) when the figures have no data for the month
 */
export function bulletinContent({month, figures, settings}: BulletinInput): OfficialDocument {
  const {current, previous, lastYear} = monthWithComparisons(figures, month);
  const b = settings.bulletin;
  const year = Number(month.slice(0, 4));
  const next = shiftMonth(month, -1);
  const now = rated(current.total);
  const blocks: Block[] = [];
  if (b.recipients) blocks.push({kind: "paragraph", text: b.recipients, flush: true});
  blocks.push({kind: "paragraph", text: `现将${formatMonth(month)}全区数字化城市管理运行情况通报如下：`});
  blocks.push({kind: "heading1", text: "一、总体运行情况"});
  blocks.push(...(now ? overview(month, now, rated(previous?.total), rated(lastYear?.total)) : [{kind: "paragraph" as const, text: `${monthName(month)}无上报案卷。`}]));
  blocks.push({kind: "heading1", text: "二、高发问题"});
  blocks.push(...problems(current));
  const streets = rankUnits(current.streets, b);
  blocks.push({kind: "heading1", text: "三、各街道按期结案率排名"});
  blocks.push({kind: "paragraph", text: rankingText(streets, "街道", b)});
  blocks.push(rankingTable(`表2　${formatMonth(month)}各街道按期结案率排名`, "街道", streets, b, []));
  const departments = rankUnits(current.departments, b);
  const undispatched = current.undispatched?.close_due ?? 0;
  blocks.push({kind: "heading1", text: "四、各处置部门按期结案率排名"});
  blocks.push({kind: "paragraph", text: rankingText(departments, "处置部门", b)});
  blocks.push(rankingTable(`表3　${formatMonth(month)}各处置部门按期结案率排名`, "处置部门", departments, b, undispatched ? [`未派遣的立案案卷${formatInteger(undispatched)}件不计入处置部门排名。`] : []));
  blocks.push({kind: "heading1", text: "五、热线诉求办理情况"});
  blocks.push(...hotline(current, previous, lastYear));
  blocks.push({kind: "heading1", text: "六、下一步工作要求"});
  blocks.push({kind: "paragraph", text: "【待填写：针对排名靠后的街道、部门和高发问题提出工作要求】"});
  return {
    title: [`关于${formatMonth(month)}数字城管运行情况的通报`],
    blocks,
    signature: {issuer: b.issuer, date: `${next.slice(0, 4)}年${Number(next.slice(5, 7))}月　日`},
    fileName: `${year}年${Number(month.slice(5, 7))}月数字城管运行情况通报.docx`,
    description: `由城管统计看板根据 ${month} 的数字城管和热线数据生成。`
  };
}
