// @vitest-environment jsdom
import * as Inputs from "npm:@observablehq/inputs";
import {expect, test} from "vitest";
import {choiceSelect, manyChoiceSelect} from "../../src/components/filter-inputs.ts";

const cells = ["8940d1a1a2bffff", "8940d1a1a2fffff", "8940d1a1a37ffff"];
const format = (d: string | null) => (d == null ? "全部单元" : `单元 ${d.slice(-6)}`);

test("manyChoiceSelect is marked up as Inputs.select is: form class, labelled select, the same option texts", () => {
  const ours = manyChoiceSelect(cells, {label: "单元", format});
  const theirs = Inputs.select([null, ...cells], {label: "单元", format}) as unknown as HTMLFormElement;
  expect(ours.tagName).toBe("FORM");
  expect(ours.className).toBe(theirs.className);
  const select = ours.querySelector("select")!;
  select.dispatchEvent(new Event("focus"));
  expect(select.className).toBe(theirs.querySelector("select")!.className);
  expect(ours.querySelector("label")!.htmlFor).toBe(select.id);
  expect(ours.querySelector("label")!.textContent).toBe("单元");
  expect([...select.options].map((o) => o.textContent)).toEqual([...theirs.querySelectorAll("option")].map((o) => o.textContent));
  // two selects on a page never share an id (the label's for= would point at the first)
  expect(manyChoiceSelect(cells, {label: "单元", format}).querySelector("select")!.id).not.toBe(select.id);
});

test("manyChoiceSelect: value is null for the first option, a value sets the choice, an unknown value falls back to all", () => {
  const input = manyChoiceSelect(cells, {label: "单元", format});
  expect(input.value).toBe(null);
  input.value = cells[2];
  expect(input.value).toBe(cells[2]);
  const select = input.querySelector("select")!;
  expect(select.selectedOptions[0].textContent).toBe(format(cells[2]));
  input.value = "not-a-cell";
  expect(input.value).toBe(null);
});

test("manyChoiceSelect holds the 'all' option and the choice until it is focused or pressed, then every option with the choice kept", () => {
  const input = manyChoiceSelect(cells, {label: "单元", format});
  const select = input.querySelector("select")!;
  expect([...select.options].map((o) => o.textContent)).toEqual(["全部单元"]);
  input.value = cells[1];
  expect([...select.options].map((o) => o.textContent)).toEqual(["全部单元", format(cells[1])]);
  select.dispatchEvent(new Event("pointerdown"));
  expect([...select.options].map((o) => o.textContent)).toEqual([null, ...cells].map(format));
  expect(input.value).toBe(cells[1]);
  expect(select.selectedIndex).toBe(2);
  input.value = cells[2];
  expect(select.selectedIndex).toBe(3);
});

test("manyChoiceSelect: a user's choice reaches the form as an input event with the new value", () => {
  const input = manyChoiceSelect(cells, {label: "单元", format});
  const seen: (string | null)[] = [];
  input.addEventListener("input", () => seen.push(input.value));
  const select = input.querySelector("select")!;
  select.dispatchEvent(new Event("focus"));
  select.selectedIndex = 1;
  select.dispatchEvent(new Event("input", {bubbles: true}));
  expect(seen).toEqual([cells[0]]);
});

test("choiceSelect starts on its given value, reads back the chosen one of its choices, and falls back to the first", () => {
  const months = ["2026-08", "2026-09", "2026-10"];
  const formatMonth = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;
  const input = choiceSelect(months, {label: "对比月份", format: formatMonth, value: "2026-09"});
  const select = input.querySelector("select")!;
  expect(input.value).toBe("2026-09");
  expect(select.selectedOptions[0].textContent).toBe("2026年9月");
  expect(input.querySelector("label")!.textContent).toBe("对比月份");
  select.dispatchEvent(new Event("focus"));
  expect([...select.options].map((o) => o.textContent)).toEqual(["2026年8月", "2026年9月", "2026年10月"]);
  expect(input.value, "filling keeps the choice").toBe("2026-09");
  select.value = "2";
  expect(input.value).toBe("2026-10");
  input.value = "2019-01";
  expect(input.value, "a month the data does not have shows the starting month").toBe("2026-09");
  expect(choiceSelect(months, {label: "与", format: formatMonth}).value).toBe("2026-08");
});

test("choiceSelect over no choices (a warehouse without months) is an empty select whose value is null, as Inputs.select's", () => {
  const input = choiceSelect([] as string[], {label: "对比月份", format: (m) => m.slice(0, 4)});
  expect(input.querySelectorAll("option")).toHaveLength(0);
  expect(input.value).toBeNull();
  expect((Inputs.select([], {}) as unknown as {value: unknown}).value).toBeNull();
  input.value = "2026-01";
  expect(input.value).toBeNull();
});
