import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ATTRIBUTES, CODE_LIST_IDS, defaultCodeBook, METRICS, REQUIRED_CODES } from "../loaders/codes/index.ts";
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
  const rejecting = s.rules.filter((r) => !r.warn);
  const warning = s.rules.filter((r) => r.warn);
  if (rejecting.length > 0) {
    out.push("", "时间顺序规则（不满足说明时间不可能成立，整行拒收）：", "");
    for (const r of rejecting) out.push(`- ${r.message}（\`${r.id}\`，报告在 \`${r.path}\`）`);
  }
  if (warning.length > 0) {
    out.push("", "一致性检查（不满足时照常接收，记入质量报告）：", "");
    for (const r of warning) out.push(`- ${r.message}（\`${r.id}\`）`);
  }
  out.push("");
  return out;
}

/** The data dictionary as Markdown; deterministic, so the committed file can be compared with it. */
export function renderDictionary(): string {
  const out: string[] = [
    "# 数据字典",
    "",
    "<!-- 本文件由 `npm run dictionary`（scripts/dictionary.ts）根据 loaders/schema 和 data/codes 生成，请勿手工编辑。 -->",
    "",
    "城管统计看板各数据源的规范字段、可接受的表头、代码表和指标定义。字段名（英文）是数据仓库中的列名。",
    "",
    "## 约定",
    "",
    "- 规范化后的取值：日期为 `YYYY-MM-DD`；日期时间为 `YYYY-MM-DDTHH:mm:ss`（北京时间，不带时区）；代码字段取代码表中的“代码”；数值为数字；是/否为布尔值；缺失为 null。",
    "- 表头匹配：全角转半角、去掉空白后与“可接受表头”比较；表头上方的标题行、填报说明行和表尾的“合计”行不是数据。各数据源可接受的表头可在 `data/codes/headers.yaml` 中追加，无需修改程序。两列对应同一字段时：代码字段采用取值在代码表中能识别得最多的一列，其余情况采用表头在“可接受表头”中靠前的一列；采用哪一列、为什么，写入导入报告。",
    "- 代码表是数据：`data/codes/<代码表>.yaml`，由局里维护（代码、名称、别名）。原始取值可以是代码、名称或别名（全角转半角、去掉空白和引号后比较）。",
    "- **不在代码表中的取值照常接收**：整行进入数据仓库，该取值按规范化后的原文保存、单独计数（不并入其他类别），并列入导入报告和“数据质量”页的“新取值”清单（行数、首次出现的文件和行号、最接近的已知名称），附可直接粘贴到代码表的 YAML。把它作为别名或新条目加入代码表后重新导入，受影响数据源的全部文件按新表重新处理，旧数据也随之归类。",
    "- 案件类别：按“问题类型”在事件或部件中解析“大类”“小类”，可接受名称、别名或平台的 2 位、4 位编码；不认识的大类、小类（本地扩展类别）照常接收并列入新取值。",
    "- 个人信息：标注了“个人信息”的字段只保存在数据仓库中，不进入页面数据和发布目录；自然人当事人对外显示为“张某”。",
    "- **拒收只有四种情况**：没有记录编号（或被 Excel 截断而无法作为编号）；归属日期缺失或无法识别；时间顺序不可能（如结案早于上报）；数值不可能（如罚款为负数）。拒收行进入拒收清单，注明文件、行号和原因。其他字段无法识别的取值置空并记入质量报告，不影响整行。",
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
  out.push("## 代码表", "", "随程序提供的默认内容（`data/codes/*.yaml`，本表按其生成）。标准代码表注明所依据的标准；其余为本区自己的代码表，可随时增加条目和别名。", "");
  const book = defaultCodeBook();
  for (const id of CODE_LIST_IDS) {
    const list = book.lists[id];
    out.push(`### <a id="code-${id}"></a>${list.label}（${id}）`, "", `文件：\`data/codes/${id}.yaml\`。${list.description}`, "");
    if (list.standard) out.push(`依据：${list.standard}`, "");
    const required = REQUIRED_CODES[id];
    if (required) out.push(`程序使用的代码（不可删除或改代码）：${required.codes.map((c) => `\`${c}\``).join("、")}（用于${required.why}）`, "");
    const attributes = Object.keys(ATTRIBUTES[id] ?? {});
    out.push(`| 代码 | 名称 | 别名 | 上级 |${attributes.map((a) => ` ${a} |`).join("")} 说明 |`, `| --- | --- | --- | --- |${attributes.map(() => " --- |").join("")} --- |`);
    for (const e of list.entries) {
      const attrs = attributes.map((a) => ` ${e.attributes?.[a] ?? ""} |`).join("");
      out.push(`| \`${e.code}\` | ${cell(e.name)} | ${cell((e.aliases ?? []).join("、"))} | ${e.parent ? `\`${e.parent}\`` : ""} |${attrs} ${cell(e.description ?? "")} |`);
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
