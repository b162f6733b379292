import {describe, expect, test} from "vitest";
import {z} from "zod";
import {ConfigError, parseYaml} from "../../loaders/yaml-file.ts";

const Plan = z
  .object({year: z.number().int(), title: z.string(), targets: z.array(z.object({id: z.string(), target: z.number()}).strict()).min(1)})
  .strict();
const FILE = "data/plan/2025.yaml";

function fault(text: string): ConfigError {
  try {
    parseYaml(text, FILE, Plan);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("hand-edited YAML", () => {
  test("a valid file is returned as checked data", () => {
    expect(parseYaml("year: 2025\ntitle: 计划\ntargets:\n  - id: a\n    target: 1\n", FILE, Plan)).toEqual({year: 2025, title: "计划", targets: [{id: "a", target: 1}]});
  });

  test("an unclosed quote is reported at the line where it opens, in Chinese", () => {
    const e = fault('year: 2025\ntitle: "计划\ntargets:\n  - id: a\n    target: 1\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe("配置文件 data/plan/2025.yaml 第 2 行：引号（\"）没有闭合");
  });

  test.each([
    ["year: 2025\n\ttitle: x\n", 2, "制表符"],
    ["year: 2025\ntitle: a\ntitle: b\n", 3, "重复的键"],
    ["year: 2025\ntitle: a\ntargets:\n  - id: a\n    target: 十\n", 5, "“targets[1].target”类型不对（应为数字）"],
    ["year: 2025\ntitle: a\ntargets:\n  - id: a\n    target: 1\n    due: 3\n", 4, "无法识别的键：due"],
    ["year: 2025\ntitle: a\ntargets: []\n", 3, "“targets”不能为空"]
  ])("%j: line %i, %s", (text, line, words) => {
    const e = fault(text);
    expect(e.line).toBe(line);
    expect(e.message).toContain(words);
    expect(e.message).toContain(FILE);
  });
});
