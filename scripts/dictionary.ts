import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_LIST_IDS, CODE_LISTS, METRICS } from "../loaders/codes/index.ts";
import { SOURCE_IDS, SOURCES, type FieldSpec, type SourceSchema } from "../loaders/schema/index.ts";

export const DICTIONARY_PATH = "docs/data-dictionary.md";

const TYPE_LABEL: Record<FieldSpec["type"], string> = {
  string: "文本",
  integer: "整数",
  number: "数值",
  date: "日期",
  datetime: "日期时间",
  boolean: "是/否",
  code: "代码"
};

const PERSONAL_LABEL: Record<NonNullable<FieldSpec["personal"]>, string> = {
  name: "姓名/名称",
  id_number: "证件号码",
  phone: "电话",
  address: "地址",
  free_text: "自由文本"
};

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function fieldNotes(f: FieldSpec): string {
  const notes: string[] = [];
  if (f.description) notes.push(f.description);
  if (f.min !== undefined) notes.push(`≥ ${f.min}`);
  if (f.pattern) notes.push(`格式 \`${f.pattern}\``);
  if (f.derived) notes.push(`由加载程序生成：${f.derived}`);
  return cell(notes.join("；"));
}

function sourceSection(s: SourceSchema, i: number): string[] {
  const out = [`## ${i}. ${s.label}（${s.source}）`, "", s.description, ""];
  out.push(`- 目录：\`data/raw/${s.folder}/\``);
  out.push(
    s.idParts
      ? `- 记录编号：\`${s.idField}\`，由 ${s.idParts.map((p) => `\`${p}\``).join("、")} 的规范化取值以“|”连接而成（缺失取空串）；同一编号的多行视为同一记录，以最新文件中的一行为准`
      : `- 记录编号：\`${s.idField}\`；同一编号的多行视为同一记录，以最新文件中的一行为准`
  );
  out.push(`- 归属月份、年度的日期字段：\`${s.dateField}\``, "");
  out.push("| 字段 | 中文名 | 类型 | 必填 | 可接受表头（第一个为标准表头） | 代码表 | 个人信息 | 说明 |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const f of s.fields) {
    out.push(
      `| \`${f.name}\` | ${cell(f.label)} | ${TYPE_LABEL[f.type]} | ${f.required ? "是" : "否"} | ${cell(f.aliases.join("、")) || "—"} | ${f.codeList ? `[${f.codeList}](#code-${f.codeList})` : ""} | ${f.personal ? PERSONAL_LABEL[f.personal] : ""} | ${fieldNotes(f)} |`
    );
  }
  if (s.rules.length > 0) {
    out.push("", "行级规则（不满足则整行拒收）：", "");
    for (const r of s.rules) out.push(`- ${r.message}（\`${r.id}\`，报告在 \`${r.path}\`）`);
  }
  out.push("");
  return out;
}

/** The data dictionary as Markdown; deterministic, so the committed file can be compared with it. */
export function renderDictionary(): string {
  const out: string[] = [
    "# 数据字典",
    "",
    "<!-- 本文件由 `npm run dictionary`（scripts/dictionary.ts）根据 loaders/schema 和 loaders/codes 生成，请勿手工编辑。 -->",
    "",
    "城管统计看板各数据源的规范字段、可接受的表头、代码表和指标定义。字段名（英文）是数据仓库中的列名。",
    "",
    "## 约定",
    "",
    "- 规范化后的取值：日期为 `YYYY-MM-DD`；日期时间为 `YYYY-MM-DDTHH:mm:ss`（北京时间，不带时区）；代码字段取代码表中的“代码”；数值为数字；是/否为布尔值；缺失为 null。",
    "- 表头匹配：全角转半角、去掉空白后与“可接受表头”比较；表头上方的标题行、填报说明行和表尾的“合计”行不是数据。",
    "- 代码匹配：原始取值可以是代码、名称或别名（全角转半角、去掉空白和引号后比较）。匹配不上的取值保留原样，使整行校验失败，而不是变成空值。",
    "- 案件类别：按“问题类型”在事件或部件中解析“大类”“小类”，可接受名称、别名或平台的 2 位、4 位编码。",
    "- 个人信息：标注了“个人信息”的字段只保存在数据仓库中，不进入页面数据和发布目录；自然人当事人对外显示为“张某”。",
    "- 校验不通过的行（必填缺失、日期无法解析、代码不在代码表中、数值为负、结束早于开始等）进入拒收清单，注明文件、行号和原因。",
    "",
    "## 数据源一览",
    "",
    "| 数据源 | source | 目录 | 记录编号 | 日期字段 | 字段数 |",
    "| --- | --- | --- | --- | --- | --- |"
  ];
  for (const id of SOURCE_IDS) {
    const s = SOURCES[id];
    out.push(`| ${s.label} | \`${s.source}\` | \`data/raw/${s.folder}/\` | \`${s.idField}\` | \`${s.dateField}\` | ${s.fields.length} |`);
  }
  out.push("");
  SOURCE_IDS.forEach((id, i) => out.push(...sourceSection(SOURCES[id], i + 1)));
  out.push("## 代码表", "");
  for (const id of CODE_LIST_IDS) {
    const list = CODE_LISTS[id];
    out.push(`### <a id="code-${id}"></a>${list.label}（${id}）`, "", list.description, "");
    out.push("| 代码 | 名称 | 别名 | 上级 | 说明 |", "| --- | --- | --- | --- | --- |");
    for (const e of list.entries) {
      out.push(`| \`${e.code}\` | ${cell(e.name)} | ${cell((e.aliases ?? []).join("、"))} | ${e.parent ? `\`${e.parent}\`` : ""} | ${cell(e.description ?? "")} |`);
    }
    out.push("");
  }
  out.push("## 指标", "", "年度目标（`data/plan/<年>.yaml`）的 `metric` 取下表中的编号。", "");
  out.push("| 编号 | 名称 | 单位 | 数据源 | 定义 |", "| --- | --- | --- | --- | --- |");
  for (const m of METRICS) out.push(`| \`${m.id}\` | ${m.name} | ${m.unit} | \`${m.source}\` | ${cell(m.definition)} |`);
  out.push("");
  return out.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = resolve(DICTIONARY_PATH);
  writeFileSync(target, renderDictionary(), "utf8");
  console.error(`wrote ${DICTIONARY_PATH}`);
}
