import {describe, expect, it} from "vitest";
import {parse} from "yaml";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {newValuesYaml} from "../../loaders/codes/snippet.ts";

const book = defaultCodeBook();

describe("the YAML snippet for new values", () => {
  const yaml = newValuesYaml(book, [
    {list: "department", field: "department", value: "区住房保障和房产服务中心", rows: 684, context: null, closest: {code: "D14", name: "区住房和城乡建设局", similarity: 0.53}},
    {list: "category", field: "category_minor", value: "电动车飞线充电", rows: 1092, context: "E05", closest: null},
    {list: "platform_status", field: "status", value: "已归档", rows: 62963, context: null, closest: {code: "closed", name: "结案", similarity: 0.5}},
    {list: "community", field: "community", value: "学院路社区", rows: 7, context: "411002002", closest: {code: "411002006006", name: "学院社区", similarity: 0.8}}
  ]);

  it("proposes entries in each list's own code pattern, under the right parent, with the attributes a metric reads", () => {
    const entries = (file: string) => {
      const start = yaml.indexOf(`# ${file}`);
      const end = yaml.indexOf("\n\n", start);
      return parse(yaml.slice(start, end === -1 ? undefined : end).replace(/^# .*$/gm, "")) as Record<string, unknown>[];
    };
    expect(entries("data/codes/department.yaml")).toEqual([{code: "D26", name: "区住房保障和房产服务中心"}]);
    expect(entries("data/codes/category.yaml")).toEqual([{code: "E0512", name: "电动车飞线充电", type: "event", level: "minor", gb: "0512", parent: "E05"}]);
    expect(entries("data/codes/platform_status.yaml")).toEqual([{code: "local_1", name: "已归档", stage: "closed"}]);
    expect(entries("data/codes/community.yaml")).toEqual([{code: "411002002006", name: "学院路社区", parent: "411002002"}]);
  });

  it("says when a value may only be another spelling of a known entry", () => {
    expect(yaml).toContain("“学院路社区”（7 行）可能就是“学院社区”：若是，在代码 411002006006 的 aliases 中加入 \"学院路社区\"");
    expect(yaml).toContain("“区住房保障和房产服务中心”（684 行），最接近的已有条目为“区住房和城乡建设局”（D14）");
  });

  it("is empty when nothing is new", () => {
    expect(newValuesYaml(book, [])).toBe("");
  });
});
