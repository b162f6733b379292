// @vitest-environment jsdom
import {latLngToCell} from "h3-js";
import {beforeAll, expect, test} from "vitest";
import {hotspotMap, type MapMeta} from "../../src/components/hotspot-map.ts";

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
  paths[1].dispatchEvent(new Event("click"));
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
  svg.querySelector<SVGPathElement>(`g.hotspot-cells path[data-cell="${cells[0]}"]`)!.dispatchEvent(new Event("click"));
  expect(chosen).toEqual([null]);
});
