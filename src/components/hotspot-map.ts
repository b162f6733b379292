/**
 * The hotspot map: H3 cells drawn from their ids with Plot's geographic marks (d3-geo, Mercator), coloured by a
 * value with a legend; optional boundary files and intranet basemap tiles under them; street labels on top.
 * Clicking a cell reports its id (null when the chosen cell is clicked again).
 *
 * A map the build painted into the page (scripts/first-paint.ts) is taken over rather than drawn again when the page's
 * first draw asks for the same map (see {@link mapKey}) at about the width it was painted at (see {@link STRETCH}): its
 * cells get their tooltips, tab stops and click handlers, and Plot is not run. Drawing the 案件热点 map for the first time in a page cost 140–210 ms of the frame that made it
 * clickable, against about 20 ms for the same call once Plot's and d3-geo's code had run (headless Chromium, 2 cores,
 * 10^6 cases, 2026-12-03): the first draw is mostly the browser compiling that code.
 */
import * as Plot from "npm:@observablehq/plot";
import {geoMercator} from "npm:d3";
import {cellToBoundary} from "npm:h3-js";
import {chartWidth} from "./chart-width.js";
import {chartSvg} from "./export.js";
import {FIRST_PAINT, FIRST_PAINT_OFF} from "./first-paint.js";

export interface MapMeta {
  bbox: [number, number, number, number];
  /** The frame: the placed cases' extent, widened. */
  view?: [number, number, number, number];
  basemap: {url: string | null; attribution: string};
  boundaries: {kind: string; label: string; geojson: any}[];
  streets: {street: string; lon: number; lat: number; n: number}[];
}

export interface HotspotMapOptions {
  width: number;
  meta: MapMeta;
  /** "count": sequential colours from zero; "change": diverging around zero (more cases red, fewer blue). */
  mode?: "count" | "change";
  label: string;
  selected?: string | null;
  onSelect?: (cell: string | null) => void;
  /** Tooltip text of a cell. */
  title?: (cell: string, value: number) => string;
}

const rings = new Map<string, number[][]>();

/**
 * A cell as a GeoJSON polygon. h3-js gives the ring counter-clockwise (RFC 7946); it is reversed into d3-geo's
 * spherical winding, so that d3-geo's areas and centroids read it as the cell (the map's projection draws either).
 * Rings are kept for the page's life: every redraw and the comparison map show the same cells.
 */
export function cellFeature(cell: string, value: number): any {
  let ring = rings.get(cell);
  if (!ring) rings.set(cell, (ring = cellToBoundary(cell, true).reverse()));
  return {type: "Feature", properties: {cell, value}, geometry: {type: "Polygon", coordinates: [ring]}};
}

/**
 * Plot's "mercator" without d3-geo's spherical clipping at the antimeridian and without adaptive resampling: a
 * district lies far from the antimeridian and a cell's edges are about 100 m, straight at any zoom this map has.
 * Clipping 745 cells against the sphere took about a third of a map's draw (CPU profile, Chromium 156), and it read
 * a boundary ring in the other winding (RFC 7946's, as GIS tools write it) as the whole world outside it. Plot fits
 * it to the domain as for a named projection.
 */
const districtMercator = ({width, height}: {width: number; height: number}) =>
  geoMercator()
    .preclip((stream) => stream)
    .precision(0)
    .scale(Math.min(width, height) / (2 * Math.PI))
    .translate([width / 2, height / 2]);

/** XYZ tiles covering the extent at the zoom whose tiles are drawn about 256 px wide at this width. */
function tiles(url: string, [w, s, e, n]: MapMeta["bbox"], width: number) {
  const z = Math.max(0, Math.min(19, Math.round(Math.log2((360 * width) / (256 * (e - w))))));
  const scale = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * scale);
  const ty = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * scale);
  const lon = (x: number) => (x / scale) * 360 - 180;
  const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / scale))) * 180) / Math.PI;
  const out: {href: string; west: number; north: number; east: number; south: number}[] = [];
  for (let x = tx(w); x <= tx(e); x++) {
    for (let y = ty(n); y <= ty(s); y++) {
      out.push({href: url.replace("{z}", String(z)).replace("{x}", String(x)).replace("{y}", String(y)), west: lon(x), north: lat(y), east: lon(x + 1), south: lat(y + 1)});
    }
  }
  return out;
}

/**
 * Where the map's projection puts a point, in pixels. Plot's `context.projection` is a stream transform, not a
 * function; without clipping (the map's projection has `clip: false`) it passes points outside the frame too, such
 * as the corners of the tiles around the district.
 */
function projectPoint(projection: {stream: (sink: any) => {point: (x: number, y: number) => void}}, lon: number, lat: number): [number, number] {
  let out: [number, number] = [NaN, NaN];
  projection
    .stream({
      point(x: number, y: number) {
        out = [x, y];
      }
    })
    .point(lon, lat);
  return out;
}

/** A Plot mark (a render function) drawing the basemap tiles where the map's projection puts them. */
function basemapMark(url: string, bbox: MapMeta["bbox"], width: number) {
  const list = tiles(url, bbox, width);
  return (_index: unknown, _scales: unknown, _values: unknown, _dimensions: unknown, context: any) => {
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "basemap");
    for (const t of list) {
      const [x0, y0] = projectPoint(context.projection, t.west, t.north);
      const [x1, y1] = projectPoint(context.projection, t.east, t.south);
      const image = context.document.createElementNS("http://www.w3.org/2000/svg", "image");
      image.setAttribute("href", t.href);
      image.setAttribute("x", String(x0));
      image.setAttribute("y", String(y0));
      image.setAttribute("width", String(x1 - x0));
      image.setAttribute("height", String(y1 - y0));
      image.setAttribute("preserveAspectRatio", "none");
      g.append(image);
    }
    return g;
  };
}

/** A white halo and a dark line around the chosen cell (no marks when it has no case under the filters). */
function selectedOutline(chosen: any[]) {
  const outline = {fill: "none", pointerEvents: "none", className: "hotspot-selected"} as const;
  return [Plot.geo(chosen, {...outline, stroke: "white", strokeWidth: 5}), Plot.geo(chosen, {...outline, stroke: "#111", strokeWidth: 2.5})];
}

/**
 * What a map shows apart from its size, as a string: its mode, legend label, chosen cell, whether its cells answer
 * clicks, and every cell's value (FNV-1a of the cells in order). Two maps with the same key drawn at the same width are
 * the same SVG in the same build.
 */
export function mapKey(cells: {cell: string; value: number}[], {mode = "count", label, selected = null, onSelect}: Pick<HotspotMapOptions, "mode" | "label" | "selected" | "onSelect">): string {
  let hash = 0x811c9dc5;
  for (const {cell, value} of cells) {
    const text = `${cell}:${value};`;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return `${mode}|${label}|${selected ?? ""}|${onSelect ? "click" : "view"}|${cells.length}|${(hash >>> 0).toString(16)}`;
}

/** The attributes carrying a map's {@link mapKey} and the width it was drawn at. */
const MAP_KEY = "data-map-key";
const MAP_WIDTH = "data-map-width";

/**
 * How far (as a share of its width) a painted map may be stretched or shrunk to the live slot's width. The build paints
 * at 1280 px in headless Chromium; a reader's window is rarely exactly that wide (window frames, scrollbars, 1366 px
 * screens). Within a fifth, strokes and labels change size by as much, until the first filter or resize draws the map
 * at its own width.
 */
const STRETCH = 0.2;

/** Below this width (px) the street labels are drawn smaller: a painted map is not stretched across it. */
const NARROW = 500;

/**
 * The maps painted by the build into this page, by key, found once when this module loads (module scripts run after
 * the HTML is parsed; Framework removes a snapshot from the page when its cell first displays, before the map's first
 * draw), and let go after the page's first map. None on a page whose snapshots are hidden (opened with a query
 * string).
 */
const painted = new Map<string, Element>();
if (typeof document !== "undefined" && !document.documentElement.classList.contains(FIRST_PAINT_OFF)) {
  for (const map of document.querySelectorAll(`observablehq-loading[${FIRST_PAINT}] [${MAP_KEY}]`)) painted.set(map.getAttribute(MAP_KEY)!, map);
}

/** The height of the map at `width` (px): the frame's shape, at most 900 px. */
function mapHeight(width: number, [w, s, e, n]: MapMeta["bbox"]): number {
  const aspect = (n - s) / ((e - w) * Math.cos((((n + s) / 2) * Math.PI) / 180));
  return Math.round(Math.min(width * aspect, 900));
}

/**
 * The painted map of `key` made `width` wide when it was drawn within {@link STRETCH} of it with the same label size
 * and the same shape (Plot's viewBox scales it), or null.
 */
function takePainted(key: string, width: number, frame: MapMeta["bbox"]): Element | null {
  const snapshot = painted.get(key);
  painted.clear();
  const svg = snapshot ? chartSvg(snapshot) : null;
  const drawn = Number(snapshot?.getAttribute(MAP_WIDTH));
  if (!snapshot || !svg || !(drawn > 0) || !svg.getAttribute("viewBox")) return null;
  const target = chartWidth(width);
  const height = mapHeight(target, frame);
  const sameShape = Math.abs(height / target - mapHeight(drawn, frame) / drawn) < 0.01;
  if (Math.abs(target / drawn - 1) > STRETCH || target < NARROW !== drawn < NARROW || !sameShape) return null;
  svg.setAttribute("width", String(target));
  svg.setAttribute("height", String(height));
  snapshot.setAttribute(MAP_WIDTH, String(target));
  return snapshot;
}

/**
 * Tooltips and tab stops on the cells of a drawn map, and one click and one key handler on the map for them all;
 * `value` gives a cell's value. Without `title` a cell's tooltip is its value.
 */
function wireCells(chart: Element, value: (cell: string) => number, {selected = null, onSelect, title = (_cell, v) => `${v}`}: HotspotMapOptions) {
  for (const path of chart.querySelectorAll<SVGPathElement>("g.hotspot-cells path")) {
    if (!path.firstChild) {
      const tip = path.ownerDocument.createElementNS("http://www.w3.org/2000/svg", "title");
      tip.textContent = title(path.dataset.cell!, value(path.dataset.cell!));
      path.append(tip);
    }
    if (!onSelect) continue;
    path.style.cursor = "pointer";
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "button");
  }
  if (!onSelect) return;
  const cellOf = (event: Event) => (event.target instanceof Element ? event.target.closest<SVGPathElement>("g.hotspot-cells path[data-cell]")?.dataset.cell : undefined);
  const choose = (cell: string) => onSelect(cell === selected ? null : cell);
  chart.addEventListener("click", (event) => {
    const cell = cellOf(event);
    if (cell) choose(cell);
  });
  chart.addEventListener("keydown", (event) => {
    const cell = cellOf(event);
    const {key, repeat} = event as KeyboardEvent;
    if (!cell || (key !== "Enter" && key !== " ")) return;
    // Space on a button chooses it; it does not scroll the page
    event.preventDefault();
    if (!repeat) choose(cell);
  });
}

/**
 * The map of `cells` (H3 ids, each with a value: cases, or a change in cases) at `options.width` px: an SVG, or a
 * figure holding the colour legend and the SVG. Cells with a value that is not finite are left out. Each cell's path
 * carries its id (`data-cell`); the map carries `data-hotspot-map` (its mode) and `data-cells` (how many it drew).
 */
export function hotspotMap(cells: {cell: string; value: number}[], options: HotspotMapOptions): SVGSVGElement | HTMLElement {
  const {width, meta, mode = "count", label, selected = null} = options;
  const shown = cells.filter((d) => Number.isFinite(d.value));
  const key = mapKey(shown, options);
  const values = new Map(shown.map((d) => [d.cell, d.value]));
  const frame = meta.view ?? meta.bbox;
  const snapshot = takePainted(key, width, frame);
  if (snapshot) {
    const paths = snapshot.querySelectorAll<SVGPathElement>("g.hotspot-cells path");
    if (paths.length === shown.length && [...paths].every((path) => values.has(path.dataset.cell!))) {
      wireCells(snapshot, (cell) => values.get(cell)!, options);
      return snapshot as SVGSVGElement | HTMLElement;
    }
  }
  const features = shown.map((d) => cellFeature(d.cell, d.value));
  const [w, s, e, n] = frame;
  const domain = {type: "MultiPoint" as const, coordinates: [[w, s], [e, n]]};
  const extreme = Math.max(1, ...cells.map((d) => Math.abs(d.value)));
  // counts are whole cases: no legend tick between two whole numbers, and no legend at all on an empty map
  const ticks = Math.min(5, extreme);
  const legend = features.length > 0;
  const height = mapHeight(chartWidth(width), frame);
  const chart = Plot.plot({
    width: chartWidth(width),
    height,
    // no clipping to the frame, where the cells lie: the SVG's own edge cuts a boundary or tile beyond it (Framework's
    // grid makes an SVG's overflow visible)
    projection: {type: districtMercator, domain, inset: 8, clip: false},
    style: {overflow: "hidden"},
    color:
      mode === "change"
        ? {type: "diverging", scheme: "RdBu", reverse: true, pivot: 0, domain: [-extreme, extreme], legend, label, ticks, tickFormat: "d"}
        : {type: "sqrt", scheme: "YlOrRd", domain: [0, extreme], legend, label, ticks, tickFormat: "d"},
    marks: [
      meta.basemap.url ? basemapMark(meta.basemap.url, meta.bbox, width) : null,
      ...meta.boundaries.map((b) => Plot.geo(b.geojson, {stroke: b.kind === "community" ? "#b0b7bf" : "#6b7480", strokeWidth: b.kind === "community" ? 0.6 : 1.2, fill: "none"})),
      Plot.geo(features, {
        fill: (d: any) => d.properties.value,
        stroke: "white",
        strokeWidth: 0.4,
        className: "hotspot-cells"
      }),
      Plot.text(meta.streets, {x: "lon", y: "lat", text: "street", fontSize: width < 500 ? 9 : 12, fontWeight: 600, fill: "#222", stroke: "white", strokeWidth: 3}),
      // the chosen cell's outline goes over its neighbours and the street labels (drawn with the cells, the
      // neighbours drawn after it covered most of it); it lets clicks through to the cell
      ...(selected ? selectedOutline(features.filter((f) => f.properties.cell === selected)) : []),
      meta.basemap.url && meta.basemap.attribution ? Plot.text([meta.basemap.attribution], {frameAnchor: "bottom-right", fontSize: 10, fill: "#555"}) : null,
      // Plot draws no group for an empty mark: the map says why it has no cells
      features.length === 0 ? Plot.text([mode === "change" ? "两个月份在所选条件下均无上图案件" : "所选条件下没有上图案件"], {frameAnchor: "middle", fontSize: 14, fill: "#555", stroke: "white", strokeWidth: 3}) : null
    ]
  });
  // the map's own marker, present with or without cells (tests and the bench find the map by it)
  chart.setAttribute("data-hotspot-map", mode);
  chart.setAttribute("data-cells", String(features.length));
  chart.setAttribute(MAP_KEY, key);
  chart.setAttribute(MAP_WIDTH, String(chartWidth(width)));
  chart.querySelectorAll<SVGPathElement>("g.hotspot-cells path").forEach((path, i) => (path.dataset.cell = features[i].properties.cell));
  wireCells(chart, (cell) => values.get(cell)!, options);
  return chart;
}
