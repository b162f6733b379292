import {expect, test} from "vitest";
import {cellNames} from "../../src/components/hotspot-data.ts";

test("a cell alone in its community is named by street and community", () => {
  const names = cellNames([
    {cell: "894095d2c2bffff", street: "西大街街道", community: "八一社区", grid: "41100200300504"},
    {cell: "894095d2c23ffff", street: "西大街街道", community: "西关社区", grid: null}
  ]);
  expect(names.get("894095d2c2bffff")).toBe("西大街街道 · 八一社区");
  expect(names.get("894095d2c23ffff")).toBe("西大街街道 · 西关社区");
});

test("cells sharing a community are told apart by their main 单元网格, then by their H3 id; every name is unique", () => {
  const cells = [
    {cell: "894095d2c2bffff", street: "西大街街道", community: "八一社区", grid: "41100200300504"},
    {cell: "894095d2c2fffff", street: "西大街街道", community: "八一社区", grid: "41100200300505"},
    {cell: "894095d2c33ffff", street: "西大街街道", community: "八一社区", grid: "41100200300505"},
    {cell: "894095d2c37ffff", street: "西大街街道", community: "八一社区", grid: null}
  ];
  const names = cellNames(cells);
  expect(names.get("894095d2c2bffff")).toBe("西大街街道 · 八一社区 · 网格 41100200300504");
  expect(names.get("894095d2c2fffff")).toBe("西大街街道 · 八一社区 · 网格 41100200300505 · 894095d2c2fffff");
  expect(names.get("894095d2c33ffff")).toBe("西大街街道 · 八一社区 · 网格 41100200300505 · 894095d2c33ffff");
  expect(names.get("894095d2c37ffff")).toBe("西大街街道 · 八一社区");
  expect(new Set(names.values()).size).toBe(cells.length);
});
