// @vitest-environment jsdom
import {latLngToCell} from "h3-js";
import {beforeAll, expect, test, vi} from "vitest";
import {hotspotMap, mapKey, type MapMeta} from "../../src/components/hotspot-map.ts";
import {chartSvg, serializeSvg} from "../../src/components/export.ts";

// jsdom has no canvas; Plot's colour legend paints its ramp on one and takes it as an image
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => ({fillStyle: "", fillRect() {}})) as never;
  HTMLCanvasElement.prototype.toDataURL = () => "data:,";
});

const meta: MapMeta = {
  bbox: [113.78, 34.0, 113.88, 34.07],
  basemap: {url: null, attribution: ""},
  boundaries: [],
  streets: [{street: "西大街街道", lon: 113.82, lat: 34.03, n: 10}]
};
const cells = [latLngToCell(34.03, 113.82, 9), latLngToCell(34.04, 113.83, 9)];

test("the map draws one clickable path per cell, marked with its id, and reports a click", () => {
  const chosen: (string | null)[] = [];
  const map = hotspotMap(cells.map((cell, i) => ({cell, value: i + 1})), {width: 640, meta, label: "案件数", onSelect: (c) => chosen.push(c)});
  expect(map.getAttribute("data-hotspot-map")).toBe("count");
  expect(map.getAttribute("data-cells")).toBe("2");
  const paths = map.querySelectorAll<SVGPathElement>("g.hotspot-cells path");
  expect([...paths].map((p) => p.dataset.cell)).toEqual(cells);
  paths[1].dispatchEvent(new MouseEvent("click", {bubbles: true}));
  expect(chosen).toEqual([cells[1]]);
  // the legend counts whole cases
  const ticks = [...map.querySelectorAll("svg")].filter((svg) => svg !== map.querySelector("svg:last-of-type")).flatMap((svg) => [...svg.querySelectorAll("g text")].map((t) => t.textContent));
  expect(ticks.length).toBeGreaterThan(0);
  for (const tick of ticks) expect(tick).toMatch(/^\d+$/);
});

test("filters that leave no cell give a map that says so, still marked as the map (Plot draws no group for no data)", () => {
  const map = hotspotMap([], {width: 640, meta, label: "案件数"});
  expect(map.getAttribute("data-hotspot-map")).toBe("count");
  expect(map.getAttribute("data-cells")).toBe("0");
  expect(map.querySelector("g.hotspot-cells")).toBeNull();
  expect(map.textContent).toContain("所选条件下没有上图案件");
  expect(map.tagName.toLowerCase(), "no legend without cells").toBe("svg");
  const change = hotspotMap([], {width: 640, meta, label: "增减", mode: "change"});
  expect(change.getAttribute("data-hotspot-map")).toBe("change");
  expect(change.textContent).toContain("两个月份在所选条件下均无上图案件");
});

test("cells and a bureau's boundary file are drawn inside the frame whatever the winding of their rings (the projection does no spherical clipping)", () => {
  const ring = [[113.79, 34.01], [113.87, 34.01], [113.87, 34.06], [113.79, 34.06], [113.79, 34.01]];
  const boundary = (coordinates: number[][]) => ({type: "FeatureCollection", features: [{type: "Feature", properties: {}, geometry: {type: "Polygon", coordinates: [coordinates]}}]});
  const width = 640;
  const map = hotspotMap(cells.map((cell) => ({cell, value: 1})), {
    width,
    meta: {...meta, boundaries: [{kind: "street", label: "RFC 7946 (counter-clockwise)", geojson: boundary(ring)}, {kind: "community", label: "clockwise", geojson: boundary([...ring].reverse())}]},
    label: "案件数"
  });
  const svg = map.tagName.toLowerCase() === "svg" ? map : map.querySelector("svg:last-of-type")!;
  const height = Number(svg.getAttribute("height"));
  const paths = [...svg.querySelectorAll("g[aria-label=geo] path")];
  // two boundaries and two cells
  expect(paths).toHaveLength(4);
  for (const path of paths) {
    const d = path.getAttribute("d") ?? "";
    expect(d).not.toMatch(/NaN/);
    const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const xs = numbers.filter((_, i) => i % 2 === 0);
    const ys = numbers.filter((_, i) => i % 2 === 1);
    expect(xs.length).toBeGreaterThan(2);
    // neither ring is read as the whole world outside it: both stay within the frame
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(width);
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(0), expect(y).toBeLessThanOrEqual(height);
  }
  // the two windings of the same ring draw the same outline
  const [a, b] = paths.slice(0, 2).map((p) => (p.getAttribute("d")!.match(/-?\d+(\.\d+)?/g) ?? []).map(Number).sort((x, y) => x - y));
  expect(a).toEqual(b);
});

test("the chosen cell's outline is drawn over the other cells and the street labels, and lets clicks through", () => {
  // an audit found it covered by its neighbours and a street label (2026-12-03)
  const chosen: (string | null)[] = [];
  const map = hotspotMap(cells.map((cell, i) => ({cell, value: i + 1})), {width: 640, meta, label: "案件数", selected: cells[0], onSelect: (c) => chosen.push(c)});
  const svg = map.tagName.toLowerCase() === "svg" ? map : map.querySelector("svg:last-of-type")!;
  const groups = [...svg.children].map((g) => g.getAttribute("class") ?? g.getAttribute("aria-label") ?? g.tagName);
  const outline = groups.findIndex((g) => g.includes("hotspot-selected"));
  expect(outline).toBeGreaterThan(groups.findIndex((g) => g.includes("hotspot-cells")));
  expect(outline).toBeGreaterThan(groups.findIndex((g) => g === "text"));
  const outlines = svg.querySelectorAll("g.hotspot-selected");
  expect([...outlines].map((g) => [g.getAttribute("stroke"), g.getAttribute("pointer-events")])).toEqual([["white", "none"], ["#111", "none"]]);
  expect([...outlines].every((g) => g.querySelectorAll("path").length === 1)).toBe(true);
  expect(new Set([...svg.querySelectorAll("g.hotspot-cells")].map((g) => g.getAttribute("stroke")))).toEqual(new Set(["white"]));
  // clicking the chosen cell again (on the cell, under the outline) clears the choice
  svg.querySelector<SVGPathElement>(`g.hotspot-cells path[data-cell="${cells[0]}"]`)!.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  expect(chosen).toEqual([null]);
});

test("an intranet tile URL draws the tiles that cover the district under the cells, placed by the map's projection", () => {
  const map = hotspotMap(cells.map((cell) => ({cell, value: 1})), {
    width: 640,
    meta: {...meta, basemap: {url: "/tiles/{z}/{x}/{y}.png", attribution: "本局地图服务"}},
    label: "案件数"
  });
  const svg = map.tagName.toLowerCase() === "svg" ? map : map.querySelector("svg:last-of-type")!;
  const images = [...svg.querySelectorAll("g[aria-label=basemap] image")];
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) {
    expect(image.getAttribute("href")).toMatch(/^\/tiles\/\d+\/\d+\/\d+\.png$/);
    for (const a of ["x", "y", "width", "height"]) expect(Number.isFinite(Number(image.getAttribute(a))), a).toBe(true);
    expect(Number(image.getAttribute("width"))).toBeGreaterThan(0);
  }
  // the tiles come first, under the cells
  const groups = [...svg.querySelectorAll(":scope > g")].map((g) => g.getAttribute("aria-label"));
  expect(groups.indexOf("basemap")).toBeLessThan(groups.indexOf("geo"));
  expect(svg.textContent).toContain("本局地图服务");
});

/** The page as the build leaves it: `built`'s HTML in a first-paint placeholder, without tooltips and tab stops. */
function paint(built: Element): HTMLElement {
  for (const t of built.querySelectorAll("title")) t.remove();
  for (const p of built.querySelectorAll("[tabindex]")) p.removeAttribute("tabindex");
  const placeholder = document.createElement("observablehq-loading");
  placeholder.setAttribute("data-first-paint", "");
  placeholder.innerHTML = built.outerHTML;
  document.body.append(placeholder);
  return placeholder;
}

/** hotspot-map.ts loaded afresh, as a page whose HTML holds the painted maps loads it. */
async function loadedOnPaintedPage() {
  vi.resetModules();
  return import("../../src/components/hotspot-map.ts");
}

test("a map the build painted into the page is taken over by the same first draw: the same nodes, with tooltips, tab stops, clicks and keys", async () => {
  const values = cells.map((cell, i) => ({cell, value: i + 3}));
  const title = (cell: string, value: number) => `${cell} ${value} 件`;
  const placeholder = paint(hotspotMap(values, {width: 640, meta, label: "案件数", onSelect: () => {}, title}));
  try {
    const fresh = await loadedOnPaintedPage();
    const snapshot = placeholder.firstElementChild!;
    placeholder.remove();
    const chosen: (string | null)[] = [];
    const map = fresh.hotspotMap(values, {width: 640, meta, label: "案件数", onSelect: (c) => chosen.push(c), title});
    expect(map, "the snapshot's own nodes").toBe(snapshot);
    const paths = [...map.querySelectorAll<SVGPathElement>("g.hotspot-cells path")];
    expect(paths.map((p) => p.querySelector("title")?.textContent)).toEqual([`${cells[0]} 3 件`, `${cells[1]} 4 件`]);
    expect(paths.every((p) => p.getAttribute("tabindex") === "0" && p.getAttribute("role") === "button")).toBe(true);
    paths[0].dispatchEvent(new MouseEvent("click", {bubbles: true}));
    paths[1].dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
    paths[1].dispatchEvent(new KeyboardEvent("keydown", {key: "a", bubbles: true}));
    const space = new KeyboardEvent("keydown", {key: " ", bubbles: true, cancelable: true});
    paths[0].dispatchEvent(space);
    expect(space.defaultPrevented, "Space does not scroll the page").toBe(true);
    expect(chosen).toEqual([cells[0], cells[1], cells[0]]);
    // taken once: the next draw of the same map is Plot's
    const again = fresh.hotspotMap(values, {width: 640, meta, label: "案件数", title});
    expect(again).not.toBe(snapshot);
  } finally {
    placeholder.remove();
  }
});

test.each([
  [700, "stretched to the slot", true],
  [560, "shrunk to the slot", true],
  [900, "not stretched by more than a fifth", false],
  [480, "not shrunk below the width where its labels get smaller", false]
])("a map painted at 620 px, first drawn at %i px: %s", async (width, _what, adopted) => {
  const values = cells.map((cell, i) => ({cell, value: i + 1}));
  const placeholder = paint(hotspotMap(values, {width: 620, meta, label: "案件数", onSelect: () => {}}));
  try {
    const fresh = await loadedOnPaintedPage();
    const snapshot = placeholder.firstElementChild!;
    const map = fresh.hotspotMap(values, {width, meta, label: "案件数", onSelect: () => {}});
    expect(map === snapshot).toBe(adopted);
    const svg = chartSvg(map)!;
    expect(Number(svg.getAttribute("width"))).toBe(width);
    const drawn = chartSvg(hotspotMap(values, {width, meta, label: "案件数"}))!;
    expect(svg.getAttribute("height"), "the height Plot gives that width").toBe(drawn.getAttribute("height"));
  } finally {
    placeholder.remove();
  }
});

test("a painted map is not taken over by a map that differs: another value, no click handler", async () => {
  const values = cells.map((cell, i) => ({cell, value: i + 1}));
  const placeholder = paint(hotspotMap(values, {width: 640, meta, label: "案件数", onSelect: () => {}}));
  try {
    const fresh = await loadedOnPaintedPage();
    const snapshot = placeholder.firstElementChild!;
    expect(fresh.hotspotMap([values[0], {...values[1], value: 9}], {width: 640, meta, label: "案件数", onSelect: () => {}})).not.toBe(snapshot);
    const again = await loadedOnPaintedPage();
    const map = again.hotspotMap(values, {width: 640, meta, label: "案件数"});
    expect(map).not.toBe(placeholder.firstElementChild);
    expect(map.querySelector("g.hotspot-cells path")!.getAttribute("role")).toBeNull();
  } finally {
    placeholder.remove();
  }
});

test("the map's SVG clips what lies beyond its frame (Framework's grid makes SVG overflow visible)", () => {
  const map = hotspotMap(cells.map((cell) => ({cell, value: 1})), {width: 640, meta, label: "案件数"});
  expect(chartSvg(map)!.style.overflow).toBe("hidden");
});

test("a map's key changes with any value, cell, mode, label, chosen cell or clickability, and not with its width", () => {
  const values = cells.map((cell, i) => ({cell, value: i + 1}));
  const base = {label: "案件数"};
  const key = mapKey(values, base);
  expect(mapKey(values.map((d) => ({...d})), base)).toBe(key);
  expect(mapKey([values[0], {...values[1], value: 3}], base)).not.toBe(key);
  expect(mapKey([...values].reverse(), base)).not.toBe(key);
  expect(mapKey(values.slice(1), base)).not.toBe(key);
  expect(mapKey(values, {...base, mode: "change"})).not.toBe(key);
  expect(mapKey(values, {...base, label: "增减"})).not.toBe(key);
  expect(mapKey(values, {...base, selected: cells[0]})).not.toBe(key);
  expect(mapKey(values, {...base, onSelect: () => {}})).not.toBe(key);
});

test("the PNG and SVG export take the map, not its colour legend, from a card's chart", () => {
  const slot = document.createElement("div");
  slot.append(hotspotMap(cells.map((cell, i) => ({cell, value: i + 1})), {width: 640, meta, label: "案件数"}));
  const svg = chartSvg(slot)!;
  expect(svg.querySelectorAll("g.hotspot-cells path")).toHaveLength(2);
  expect(serializeSvg(slot)).toContain("hotspot-cells");
});
