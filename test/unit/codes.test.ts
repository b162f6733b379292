import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {
  categoriesOf,
  closestEntry,
  CODE_LIST_IDS,
  codesWith,
  defaultCodeBook,
  findCategory,
  loadCodeBook,
  METRICS,
  nameOf,
  REQUIRED_CODES,
  resolveCode
} from "../../loaders/codes/index.ts";
import {ConfigError} from "../../loaders/yaml-file.ts";

const book = defaultCodeBook();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "codes-"));
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

/** A copy of the shipped code book with one file's text changed. */
function editedBook(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(tmp, "book-"));
  fs.cpSync("data/codes", dir, {recursive: true});
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.existsSync(target) ? fs.readFileSync(target, "utf8") : ""));
  return dir;
}

function configError(dir: string): ConfigError {
  try {
    loadCodeBook(dir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the book loaded");
}

describe("the shipped code book (data/codes/*.yaml)", () => {
  it("has every list, the 11 streets of 魏都区 and their communities", () => {
    expect(Object.keys(book.lists).sort()).toEqual([...CODE_LIST_IDS].sort());
    const streets = book.lists.street.entries;
    expect(streets.map((s) => s.name)).toEqual(["西大街道", "东大街道", "西关街道", "南关街道", "北大街道", "五一路街道", "高桥营街道", "丁庄街道", "七里店街道", "文峰街道", "半截河街道"]);
    expect(streets.map((s) => s.code)).toEqual(Array.from({length: 11}, (_, i) => `4110020${String(i + 1).padStart(2, "0")}`));
    for (const s of streets) {
      const communities = book.lists.community.entries.filter((c) => c.parent === s.code);
      expect(communities.length).toBeGreaterThanOrEqual(4);
      for (const c of communities) expect(c.code).toMatch(new RegExp(`^${s.code}\\d{3}$`));
    }
  });

  it("keeps every code the program names", () => {
    for (const [id, {codes}] of Object.entries(REQUIRED_CODES)) {
      for (const code of codes) expect(book.lists[id as keyof typeof book.lists].entries.some((e) => e.code === code), `${id}.${code}`).toBe(true);
    }
  });

  it("resolves street spellings seen in exports, and nothing it does not know", () => {
    for (const raw of ["南关街道", "南关街道办事处", "南关办事处", "南关", " 南关　街道 ", "魏都区南关街道办事处", "411002004"]) {
      expect(resolveCode(book, "street", raw), raw).toBe("411002004");
    }
    expect(resolveCode(book, "street", "许昌新区")).toBeUndefined();
    expect(resolveCode(book, "street", "")).toBeUndefined();
  });

  it("resolves other lists by name, alias and code", () => {
    expect(resolveCode(book, "document_type", "责令停止(改正)违法行为通知书")).toBe("rectification_order");
    expect(resolveCode(book, "document_type", "城市管理行政意见指导书")).toBe("guidance");
    expect(resolveCode(book, "problem_source", "12345")).toBe("hotline_12345");
    expect(resolveCode(book, "problem_source", "市长热线")).toBe("hotline_12345");
    expect(resolveCode(book, "hotline_source", "12319热线")).toBe("12319");
    expect(resolveCode(book, "review_outcome", "准予撤诉")).toBe("withdrawn");
    expect(resolveCode(book, "activity_theme", "“防诈”宣传")).toBe("A03");
    expect(resolveCode(book, "satisfaction", "基本满意")).toBe("satisfied");
    expect(nameOf(book, "publicity_level", "municipal")).toBe("市级");
  });

  it("leaves 责令改正通知书 to the bureau: a local name for a standard document is theirs to map", () => {
    expect(resolveCode(book, "document_type", "责令改正通知书")).toBeUndefined();
  });

  it("carries what the metrics read as attributes, not as fixed codes", () => {
    expect(codesWith(book, "review_outcome", "corrective", true).sort()).toEqual(["altered", "confirmed_illegal", "ordered_to_perform", "revoked"]);
    expect(codesWith(book, "satisfaction", "satisfied", true).sort()).toEqual(["satisfied", "very_satisfied"]);
    expect(codesWith(book, "satisfaction", "rated", false)).toEqual(["not_visited"]);
    expect(codesWith(book, "platform_status", "stage", "closed")).toEqual(["closed"]);
    expect(codesWith(book, "document_type", "ladder", 2)).toEqual(["rectification_order"]);
  });

  it("keeps the category tree consistent with GB/T 30428 numbering", () => {
    for (const c of categoriesOf(book)) {
      expect(c.code).toBe((c.type === "event" ? "E" : "C") + c.gb);
      if (c.level === "minor") {
        const parent = categoriesOf(book).find((p) => p.code === c.parent);
        expect(parent?.level).toBe("major");
        expect(parent?.type).toBe(c.type);
        expect(c.gb.startsWith(parent!.gb)).toBe(true);
      }
    }
    expect(findCategory(book, "露天烧烤", "minor", "event")?.code).toBe("E0510");
    expect(findCategory(book, "0510", "minor", "event")?.code).toBe("E0510");
    expect(findCategory(book, "市容环境", "major", "component")?.code).toBe("C03");
    expect(findCategory(book, "市容环境", "major", null)?.code).toBe("E01");
    expect(findCategory(book, "垃圾桶", "minor", null)?.code).toBe("C0306");
    expect(findCategory(book, "垃圾桶", "minor", "event")).toBeUndefined();
  });

  it("suggests the nearest known name for a new value", () => {
    expect(closestEntry(book, "department", "魏都区环卫所")?.code).toBe("D12");
    expect(closestEntry(book, "hotline_source", "12345政务服务热线")?.code).toBe("12345");
    expect(closestEntry(book, "community", "学院路社区")?.name).toBe("学院社区");
    expect(closestEntry(book, "hotline_source", "微信公众号")).toBeNull();
  });

  it("defines each metric id once", () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});

describe("a hand-edited code book that cannot be used stops with the file, the line and the fault", () => {
  it.each([
    ["an unclosed quote", "department.yaml", (t: string) => t.replace("name: 西大街道办事处", 'name: "西大街道办事处'), /department\.yaml 第 \d+ 行：引号（"）没有闭合/],
    ["a duplicate code", "squad.yaml", (t: string) => t.replace("code: Z13", "code: Z12"), /squad\.yaml 第 \d+ 行：代码“Z12”重复/],
    ["an alias given to two entries", "department.yaml", (t: string) => t.replace("aliases: [东大街道, 东大办事处]", "aliases: [东大街道, 东大办事处, 环卫中心]"), /环卫中心.*同时属于/],
    ["a code the program needs", "document_type.yaml", (t: string) => t.replace("code: guidance", "code: guide"), /document_type\.yaml：缺少代码“guidance”/],
    ["an unknown key", "satisfaction.yaml", (t: string) => t.replace("    satisfied: true", "    satisfy: true"), /satisfaction\.yaml 第 \d+ 行：.*无法识别的键：satisfy/],
    ["a community without its street", "community.yaml", (t: string) => t.replace('parent: "411002001"', 'parent: "411002099"'), /community\.yaml 第 \d+ 行：上级街道代码“411002099”不在 street\.yaml 中/],
    ["a file that is not a list", "departments.yaml", () => "label: x\n", /departments\.yaml：不是已知的代码表/]
  ])("%s", (_what, file, edit, message) => {
    const error = configError(editedBook(file, edit));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it("accepts added aliases and extra headers", () => {
    const dir = editedBook("department.yaml", (t) => t.replace("aliases: [环卫中心, 区环卫中心, 环境卫生管理中心]", "aliases: [环卫中心, 区环卫中心, 环境卫生管理中心, 魏都区环卫所]"));
    fs.writeFileSync(path.join(dir, "headers.yaml"), "platform:\n  status: [问题状态, 处理阶段]\n");
    const edited = loadCodeBook(dir);
    expect(resolveCode(edited, "department", "魏都区环卫所")).toBe("D12");
    expect(edited.headers.platform.status).toEqual(["问题状态", "处理阶段"]);
    expect(edited.fingerprints.department).not.toBe(book.fingerprints.department);
    expect(edited.fingerprints.street).toBe(book.fingerprints.street);
  });
});
