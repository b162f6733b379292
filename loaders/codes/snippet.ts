/**
 * A ready-to-paste YAML snippet for the values an ingest found that the code lists do not know: per list file, an
 * entry for each new value with a proposed code, and the nearest known entry where the value may only be another
 * spelling of it (then it belongs in that entry's aliases instead).
 */
import {stringify} from "yaml";
import {byCode, categoriesOf, type CodeBook} from "./book.ts";
import {ATTRIBUTES} from "./schema.ts";
import type {Category, CodeListId} from "./types.ts";

/** What the snippet needs of a new value (a SourceNewValue of the ingest report has it all). */
export interface NewValueForSnippet {
  list: CodeListId;
  field: string;
  value: string;
  rows: number;
  context: string | null;
  closest: {code: string; name: string; similarity: number} | null;
}

/** The next code in the list's own pattern (D25 → D26, T16 → T17, 0511 → 0512 under a major), or local_<n>. */
function nextCode(codes: readonly string[], taken: Set<string>, prefix = ""): string {
  const numbered = codes.map((c) => /^([A-Za-z]*)(\d+)$/.exec(c)).filter((m): m is RegExpExecArray => m !== null && m[1].startsWith(prefix));
  if (numbered.length > 0) {
    const width = Math.max(...numbered.map((m) => m[2].length));
    const letters = numbered[numbered.length - 1][1];
    let n = Math.max(...numbered.map((m) => Number(m[2]))) + 1;
    while (taken.has(`${letters}${String(n).padStart(width, "0")}`)) n++;
    return `${letters}${String(n).padStart(width, "0")}`;
  }
  let n = 1;
  while (taken.has(`local_${n}`)) n++;
  return `local_${n}`;
}

/**
 * The YAML snippet (text with Chinese comments), or an empty string when there is nothing new. Values the closest
 * entry resembles strongly (similarity ≥ 0.6) are proposed as its aliases; the others as new entries.
 */
export function newValuesYaml(book: CodeBook, values: readonly NewValueForSnippet[]): string {
  const byList = new Map<CodeListId, NewValueForSnippet[]>();
  for (const v of values) {
    const seen = byList.get(v.list)?.find((x) => x.value === v.value);
    if (seen) seen.rows += v.rows;
    else byList.set(v.list, [...(byList.get(v.list) ?? []), {...v}]);
  }
  const out: string[] = [];
  for (const [list, items] of byList) {
    const file = book.lists[list].file;
    const taken = new Set(book.lists[list].entries.map((e) => e.code));
    const attributes = Object.keys(ATTRIBUTES[list] ?? {});
    out.push(`# ${file}（${book.lists[list].label}）：在 entries: 下追加新条目，或把取值加到已有条目的 aliases 中`);
    if (attributes.length) out.push(`# ${attributes.join("、")} 决定指标如何计算，下面按最接近的条目填写，请逐项核对`);
    for (const v of items.sort((a, b) => b.rows - a.rows)) {
      const likely = v.closest && v.closest.similarity >= 0.6 ? v.closest : null;
      if (likely) {
        out.push(`# “${v.value}”（${v.rows} 行）可能就是“${likely.name}”：若是，在代码 ${likely.code} 的 aliases 中加入 ${JSON.stringify(v.value)}；若不是，追加：`);
      } else {
        out.push(`# “${v.value}”（${v.rows} 行）${v.closest ? `，最接近的已有条目为“${v.closest.name}”（${v.closest.code}）` : ""}`);
      }
      const entry: Record<string, unknown> = {};
      if (list === "category") {
        const parent = v.field === "category_minor" && v.context ? (byCode(book, "category", v.context) as Category | undefined) : undefined;
        if (parent) {
          const siblings = categoriesOf(book).filter((c) => c.parent === parent.code).map((c) => c.gb);
          const gb = nextCode(siblings.length ? siblings : [`${parent.gb}00`], new Set(categoriesOf(book).map((c) => c.gb)), "");
          entry.code = `${parent.type === "event" ? "E" : "C"}${gb}`;
          Object.assign(entry, {name: v.value, type: parent.type, level: "minor", gb, parent: parent.code});
        } else {
          Object.assign(entry, {code: "（请填写）", name: v.value, type: "event", level: v.field === "category_major" ? "major" : "minor", gb: "（请填写）"});
        }
      } else if (list === "community" && v.context && byCode(book, "street", v.context)) {
        const siblings = book.lists.community.entries.filter((e) => e.parent === v.context).map((e) => e.code);
        Object.assign(entry, {code: nextCode(siblings.length ? siblings : [`${v.context}000`], taken), name: v.value, parent: v.context});
      } else {
        entry.code = nextCode(book.lists[list].entries.map((e) => e.code), taken);
        entry.name = v.value;
      }
      // what a metric reads of the entry: proposed from the nearest entry, to be checked
      const model = v.closest ? byCode(book, list, v.closest.code) : undefined;
      for (const attribute of Object.keys(ATTRIBUTES[list] ?? {})) {
        if (model?.attributes?.[attribute] !== undefined) entry[attribute] = model.attributes[attribute];
      }
      taken.add(String(entry.code));
      out.push(stringify([entry], {lineWidth: 0}).trimEnd().replace(/^/gm, "  "));
    }
    out.push("");
  }
  return out.join("\n").trimEnd() + (out.length ? "\n" : "");
}
