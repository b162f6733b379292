/**
 * The filter controls the pages share: a year (the latest by default, on every page) and choices among a dimension's
 * values (all by default), each kept in the URL so that a copied link reopens the same view.
 */
import * as Inputs from "npm:@observablehq/inputs";
import {bindToUrl, numberCodec, stringCodec, type ValueElement} from "./url-state.js";
import {defaultYear, yearOptionLabel, YEAR_LABEL} from "./years.js";

/**
 * `?year=`: one of `years`, the default year of `defaultYear` unless the URL says otherwise; with `allYears`, null
 * stands for every year.
 */
export function yearFilter(years: readonly number[], invalidation: Promise<unknown>, {latestMonth = null, allYears = true, label = YEAR_LABEL}: {latestMonth?: string | null; allYears?: boolean; label?: string} = {}): ValueElement<number | null> {
  const value = defaultYear(years);
  const choices = allYears ? [null, ...years] : [...years];
  const input = Inputs.select(choices, {label, value, format: (d: number | null) => (d == null ? "全部年度" : yearOptionLabel(d, latestMonth))});
  return bindToUrl(input, "year", numberCodec, {fallback: value, invalidation});
}

/**
 * A single-choice select, looking and behaving like `Inputs.select`: a form with Inputs' class and a label, `value`
 * the chosen one of `choices` (`value`, else the first, at the start; null when there is none), an input event when
 * the user chooses. Set to a value that is not a choice, it shows the starting one. Built with the DOM:
 * `Inputs.select` parses an htl template per option, which took about 150 ms of the 案件热点 page's first draw for 746
 * cells, and 43 ms for its two selects of 46 months (CPU profiles, Chromium 156, 2 × AMD EPYC).
 *
 * Until the select is first focused or pressed it holds only the first choice and the current one: a browser
 * measures every option's text to lay a select out, which took another 100–220 ms of the frame that draws the
 * 案件热点 map, in a layout of some 100 boxes (Chromium trace, 746 cells, measured 2026-12-02). The options are
 * filled in before the list opens, so a reader sees them all.
 */
export function choiceSelect<T>(choices: readonly T[], {label, format, value}: {label: string; format: (value: T) => string; value?: T}): ValueElement<T | null> {
  const namespace = (Inputs.select([null], {}) as HTMLElement).className;
  const select = document.createElement("select");
  select.className = `${namespace}-input`;
  select.name = "input";
  select.id = `${namespace}-choice-${++choiceSelects}`;
  const option = (i: number) => new Option(format(choices[i]), String(i));
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    const chosen = select.value;
    select.replaceChildren(...choices.map((_, i) => option(i)));
    select.value = chosen;
  };
  // a value that is not a choice (a month a rebuild dropped, a hand-edited link) falls back to the starting one
  const start = Math.max(0, value === undefined ? 0 : choices.indexOf(value));
  const choose = (value: T | undefined) => {
    const i = value === undefined || !choices.includes(value) ? start : choices.indexOf(value);
    if (i >= choices.length) return;
    if (!filled && ![...select.options].some((o) => o.value === String(i))) select.append(option(i));
    select.value = String(i);
  };
  if (choices.length > 0) select.append(option(0));
  choose(value);
  // every browser the dashboard runs in (WebAssembly and Web Workers) has pointer events, for mouse, pen and touch
  for (const type of ["focus", "pointerdown"]) select.addEventListener(type, fill, {passive: true});
  const labelElement = document.createElement("label");
  labelElement.textContent = label;
  labelElement.htmlFor = select.id;
  const form = document.createElement("form");
  form.className = namespace;
  form.append(labelElement, select);
  form.addEventListener("submit", (event) => event.preventDefault());
  // null with no choice at all, as Inputs.select: Generators.input never reports undefined
  return Object.defineProperty(form, "value", {
    get: () => choices[Number(select.value)] ?? null,
    set: choose
  }) as unknown as ValueElement<T | null>;
}
let choiceSelects = 0;

/** A {@link choiceSelect} over hundreds of values (the 案件热点 cells) with a first, "all" option: null. */
export function manyChoiceSelect(values: readonly string[], {label, format}: {label: string; format: (value: string | null) => string}): ValueElement<string | null> {
  return choiceSelect<string | null>([null, ...values], {label, format, value: null});
}

/** `?<key>=`: one of `values`, or null for all of them. */
export function choiceFilter(key: string, label: string, values: readonly string[], invalidation: Promise<unknown>): ValueElement<string | null> {
  const input = Inputs.select([null, ...values], {label, format: (d: string | null) => d ?? "全部"});
  return bindToUrl(input, key, stringCodec, {fallback: null, invalidation});
}
