import {writeFileSync} from "node:fs";
import {CODE_LISTS, type CodeListId} from "../loaders/codes/index.ts";
import {STREETS} from "../loaders/codes/streets.ts";

const STANDARD: Partial<Record<CodeListId, string>> = {
  category: "GB/T 30428.2-2013《数字化城市管理信息系统 第2部分：管理部件和事件》（节选；06 大类为本区扩展）",
  document_type: "《城市管理执法文书格式》及河南省行政执法文书样式",
  review_outcome: "《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》规定的决定、判决种类",
  procedure_type: "《中华人民共和国行政处罚法》",
  satisfaction: "12345 政务服务便民热线回访满意度评价",
  problem_type: "GB/T 30428.2-2013",
  party_type: "《中华人民共和国行政处罚法》",
  review_category: "《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》"
};
const LOCAL: CodeListId[] = ["street", "community", "department", "squad", "problem_source", "platform_status", "close_type", "hotline_topic", "activity_theme", "violation", "hotline_source", "hotline_status", "hotline_result", "request_kind", "execution_status", "case_status", "publicity_kind", "publicity_level", "training_type"];

const ATTRS: Record<string, Record<string, Record<string, unknown>>> = {
  platform_status: {reported: {stage: "reported"}, registered: {stage: "registered"}, dispatched: {stage: "dispatched"}, handled: {stage: "handled"}, closed: {stage: "closed"}, void: {stage: "void"}},
  hotline_status: {in_progress: {completed: false}, closed: {completed: true}, visited: {completed: true}},
  hotline_result: {resolved: {resolved: true}, partial: {resolved: false}, unresolved: {resolved: false}},
  satisfaction: {very_satisfied: {satisfied: true}, satisfied: {satisfied: true}, understanding: {satisfied: false}, dissatisfied: {satisfied: false}},
  review_outcome: {revoked: {corrective: true}, confirmed_illegal: {corrective: true}, ordered_to_perform: {corrective: true}, altered: {corrective: true}},
  document_type: {guidance: {ladder: 1}, rectification_order: {ladder: 2}, penalty_decision: {ladder: 3}, enforcement_application: {ladder: 4}}
};

function q(s: string): string {
  return /^[\w\u4e00-\u9fff（）()、《》·\-]+$/.test(s) && !/^\d/.test(s) && !/^(true|false|yes|no|null|on|off|y|n)$/i.test(s) ? s : JSON.stringify(s);
}
function list(xs: readonly string[]): string {
  return `[${xs.map(q).join(", ")}]`;
}

for (const l of Object.values(CODE_LISTS)) {
  const lines: string[] = [];
  lines.push(`# ${l.label}（${l.id}）`);
  const std = STANDARD[l.id];
  lines.push(std ? `# 标准代码表：${std}。随程序提供的默认内容，可增加别名或本地扩展。` : "# 本区自己的代码表：按本局和平台的实际名称维护，可随时增加条目和别名。");
  lines.push("# 每个条目：code（代码，已有代码请勿改动）、name（标准名称）、aliases（导出文件中的其他写法）。");
  lines.push("# 不在表中的取值照常接收，原样保留并列入导入报告和“数据质量”页的“新取值”清单，供补充到本表。");
  lines.push("# 修改后重新运行 npm run ingest（或 npm run build），受影响数据源的全部文件会按新表重新导入。");
  lines.push("");
  lines.push(`label: ${l.label}`);
  lines.push(`description: ${q(l.description)}`);
  if (std) lines.push(`standard: ${q(std)}`);
  lines.push("entries:");
  let lastMajor = "";
  for (const e of l.entries as any[]) {
    if (l.id === "category" && e.level === "major") {
      lines.push(`  # ${e.type === "event" ? "事件" : "部件"} ${e.gb} ${e.name}`);
    }
    if (l.id === "community" && e.parent !== lastMajor) {
      lastMajor = e.parent;
      lines.push(`  # ${STREETS.find((s) => s.code === e.parent)?.name}`);
    }
    lines.push(`  - code: ${q(e.code)}`);
    lines.push(`    name: ${q(e.name)}`);
    if (e.aliases?.length) lines.push(`    aliases: ${list(e.aliases.filter((a: string) => !(l.id === "document_type" && a === "责令改正通知书")))}`);
    if (e.parent && l.id !== "category") lines.push(`    parent: ${q(e.parent)}`);
    if (l.id === "category") {
      lines.push(`    type: ${e.type}`);
      lines.push(`    level: ${e.level}`);
      lines.push(`    gb: ${q(e.gb)}`);
      if (e.parent) lines.push(`    parent: ${q(e.parent)}`);
    }
    if (e.description) lines.push(`    description: ${q(e.description)}`);
    for (const [k, v] of Object.entries(ATTRS[l.id]?.[e.code] ?? {})) lines.push(`    ${k}: ${v}`);
  }
  writeFileSync(`data/codes/${l.id}.yaml`, lines.join("\n") + "\n");
}
console.log(Object.keys(CODE_LISTS).length, LOCAL.length);
