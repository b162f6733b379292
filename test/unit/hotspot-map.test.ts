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
