import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import XLSX from "../../loaders/xlsx.ts";
import {describe, expect, test} from "vitest";
import {configuredSystem, loadGeoConfig, type GeoConfig} from "../../loaders/geo/config.ts";
import {converter} from "../../loaders/geo/convert.ts";
import {detectSystem} from "../../loaders/geo/detect.ts";
import {districtExtent} from "../../loaders/geo/extent.ts";
import {geoStep} from "../../loaders/geo/step.ts";
import {systemByName} from "../../loaders/geo/systems.ts";
import type {AcceptedRow} from "../../loaders/process.ts";
import {ConfigError} from "../../loaders/yaml-file.ts";

/** Great-circle distance in metres (spherical Earth, R = 6 371 km: ample for a 1 m tolerance at this scale). */
function metres(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

const convert = (name: string, x: number, y: number) => converter(systemByName(name)!)(x, y)!;

describe("conversion to WGS-84 against reference values", () => {
  // Reference values from PROJ 9.1.1's cs2cs (the C library proj4js follows), e.g.
  //   echo "484719.75 3762867.42" | cs2cs +proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m
  //     +to +proj=longlat +ellps=GRS80 -f "%.9f"
  // Inputs are in the exports' order: X = northing, Y = easting.
  test.each([
    ["cgcs2000-gk3", 3762867.42, 38484719.75, [113.83461627, 33.992730483]],
    ["cgcs2000-gk3-38", 3762867.42, 38484719.75, [113.83461627, 33.992730483]],
    ["EPSG:4526", 3762867.42, 38484719.75, [113.83461627, 33.992730483]],
    ["cgcs2000-gk3-cm114", 3768000, 471000, [113.685953559, 34.038712266]],
    ["EPSG:4547", 3768000, 471000, [113.685953559, 34.038712266]],
    ["cgcs2000-gk6", 3771234.25, 19763412.5, [113.851986971, 34.03517451]],
    ["cgcs2000-gk6-19", 3771234.25, 19763412.5, [113.851986971, 34.03517451]],
    ["+proj=tmerc +lat_0=0 +lon_0=113.75 +k=1 +x_0=50000 +y_0=-3430000 +ellps=GRS80 +units=m", 334567.8, 52345.6, [113.775391892, 34.008168474]],
    ["wgs84", 113.83, 34.03, [113.83, 34.03]],
    ["cgcs2000", 113.83, 34.03, [113.83, 34.03]],
    ["EPSG:4490", 113.83, 34.03, [113.83, 34.03]]
  ])("%s (%d, %d) within 1 m", (name, x, y, expected) => {
    expect(metres(convert(name, x, y), expected)).toBeLessThan(1);
  });

  // GCJ-02 pairs from the tests of eviltransform (googollee/eviltransform) and the README of coordtransform
  // (wandergis/coordtransform), implementations independent of gcoord.
  test.each([
    [31.17530398364597, 121.531541859215, 31.1774276, 121.5272106],
    [22.540796131694766, 113.9171764808363, 22.543847, 113.912316],
    [39.91334545536069, 116.38404722455657, 39.911954, 116.377817],
    [39.915, 116.404, 39.91359571849836, 116.39775550083061]
  ])("GCJ-02 (%d, %d) within 5 m", (gcjLat, gcjLng, wgsLat, wgsLng) => {
    expect(metres(convert("gcj02", gcjLng, gcjLat), [wgsLng, wgsLat])).toBeLessThan(5);
  });

  test("BD-09 within 5 m: geocraft's BD-09 → WGS-84 pair, and a station read off both maps", () => {
    // geocraft (CoordConverter src=bd09 target=wgs84): (116.404, 39.915) -> (116.3913836995125, 39.907253214522164)
    expect(metres(convert("bd09", 116.404, 39.915), [116.3913836995125, 39.907253214522164])).toBeLessThan(5);
    // Beijing railway station on Baidu (BD-09 39.90851, 116.43351) and on Amap (GCJ-02 39.90245, 116.42703)
    expect(metres(convert("bd09", 116.43351, 39.90851), convert("gcj02", 116.42703, 39.90245))).toBeLessThan(5);
  });

  test("values that cannot be the system convert to null, not to a wrong place", () => {
    expect(converter(systemByName("cgcs2000-gk3")!)(3762867.42, 484719.75)).toBeNull();
    expect(converter(systemByName("gcj02")!)(3762867.42, 38484719.75)).toBeNull();
  });

  test("unknown names are refused", () => {
    expect(systemByName("cgcs2000-gk3-99")).toBeNull();
    expect(systemByName("EPSG:9999")).toBeNull();
    expect(systemByName("cgcs2000-gk3-cm113")).toBeNull();
  });
});

const config = loadGeoConfig(join(process.cwd(), "data/geo"));
const extent = districtExtent(config);

/** The 30 accepted rows of the foreign platform export (another city's export format, survey-convention plane coordinates). */
function foreignPoints(): [number, number][] {
  // a copy of ../shared/cases/foreign-exports/raw/platform/2025-03_案卷导出.xlsx
  const book = XLSX.read(readFileSync("test/fixtures/geo/foreign-2025-03_案卷导出.xlsx"));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {header: 1});
  const header = rows.findIndex((r) => r.includes("坐标X"));
  const [id, x, y] = ["任务号", "坐标X", "坐标Y"].map((h) => rows[header].indexOf(h));
  return rows
    .slice(header + 1)
    .filter((r) => /^XC202503000\d\d$/.test(String(r[id] ?? "")))
    .map((r) => [Number(r[x]), Number(r[y])]);
}

function runStep(points: [number, number][], options: {config?: GeoConfig; file?: {source: string; path: string; month: string | null}; headers?: {x?: string; y?: string}} = {}) {
  const written: AcceptedRow[] = [];
  const step = geoStep(options.file ?? {source: "platform", path: "platform/x.xlsx", month: null}, (row) => written.push(row), options.config ?? config);
  step.sheet(options.headers ?? {x: "坐标X", y: "坐标Y"});
  points.forEach(([x, y], i) => step.accept({seq: i + 1, sheet: "s", rowNumber: i + 2, values: {x, y, lon: null, lat: null, geo_crs: null, geo_flag: null}, notes: null}));
  return {summary: step.finish(), rows: written.map((r) => r.values)};
}

describe("detection and the per-file step", () => {
  test("the foreign export's 30 points: CGCS2000 3° zone 38 detected, all inside 魏都区", () => {
    const points = foreignPoints();
    expect(points).toHaveLength(30);
    const {summary, rows} = runStep(points);
    expect(summary.basis).toBe("ranges");
    expect(summary.system?.id).toBe("cgcs2000-gk3");
    expect(summary.swapped).toBe(false);
    expect(rows.every((r) => r.geo_flag === null && r.geo_crs === "cgcs2000-gk3" && extent.contains(r.lon as number, r.lat as number))).toBe(true);
    expect(summary.message).toContain("按数值范围自动识别（前 30 个点中 30 个、100% 落在魏都区范围（矩形范围）内）");
  });

  test("a file with X and Y exchanged is detected, corrected and reported", () => {
    const points = foreignPoints().map(([x, y]) => [y, x] as [number, number]);
    const {summary, rows} = runStep(points);
    expect(summary.swapped).toBe(true);
    expect(summary.flagged.swapped).toBe(30);
    expect(summary.message).toContain("整个文件的 X/Y 与该坐标系的约定相反");
    expect(rows.every((r) => r.geo_flag === "swapped" && extent.contains(r.lon as number, r.lat as number))).toBe(true);
    const degrees = runStep(rows.map((r) => [r.lat as number, r.lon as number]));
    expect(degrees.summary.swapped).toBe(true);
    expect(degrees.summary.system?.id).toBe("wgs84");
  });

  test("one exchanged row in a file is flagged on its own; a point outside the district is kept and flagged", () => {
    const points = foreignPoints();
    points[3] = [points[3][1], points[3][0]];
    points[5] = [3662867.42, 38484719.75];
    const {summary, rows} = runStep(points);
    expect(summary.swapped).toBe(false);
    expect(rows[3].geo_flag).toBe("swapped");
    expect(extent.contains(rows[3].lon as number, rows[3].lat as number)).toBe(true);
    expect(rows[5].geo_flag).toBe("outside");
    expect(rows[5].lat).toBeCloseTo(33.09, 1);
    expect(summary.flagged).toEqual({swapped: 1, outside: 1, unrecognized: 0});
    expect(summary.message).toContain("X/Y 互换 1 行（已纠正）");
    expect(summary.message).toContain("魏都区范围（矩形范围）外 1 行");
  });

  test("degrees: WGS-84 assumed and said so, unless the header names the map", () => {
    const points: [number, number][] = [[113.83, 34.03], [113.81, 34.05]];
    const assumed = runStep(points);
    expect(assumed.summary.basis).toBe("assumed");
    expect(assumed.summary.message).toContain("数值无法区分 WGS-84、GCJ-02 与 BD-09");
    const named = runStep(points, {headers: {x: "经度（BD09）", y: "纬度（BD09）"}});
    expect(named.summary.system?.id).toBe("bd09");
    expect(named.summary.basis).toBe("header");
  });

  test("plane metres without a zone number: the zone that puts the points in the district", () => {
    const points = foreignPoints().map(([x, y]) => [x, y - 38_000_000] as [number, number]);
    expect(detectSystem(points, extent)?.system.id).toBe("cgcs2000-gk3-cm114");
  });

  test("values that fit no system keep their raw values, get no lon/lat, and the file says what to do", () => {
    const {summary, rows} = runStep([[5, 7], [1234.5, 99999999999]]);
    expect(summary.system).toBeNull();
    expect(rows.every((r) => r.geo_flag === "unrecognized" && r.lon === null)).toBe(true);
    expect(summary.message).toContain("无法识别坐标系");
  });

  test("files without coordinates pass through untouched", () => {
    const none = runStep([[0, 0]], {headers: {}});
    expect(none.summary.message).toContain("文件没有坐标X/坐标Y");
    expect(none.rows[0].geo_crs).toBeNull();
  });

  test("crs.yaml rules by month: the configured system is used and named in the report", () => {
    const file = {source: "platform", path: "platform/2024-03_数字城管案卷明细.xlsx", month: "2024-03"};
    expect(configuredSystem(config.crs, file)?.system.id).toBe("bd09");
    expect(configuredSystem(config.crs, {...file, month: "2023-03"})).toBeNull();
    expect(configuredSystem(config.crs, {...file, month: "2025-08"})?.system.id).toBe("gcj02");
    const {summary} = runStep([[113.84, 34.04]], {file});
    expect(summary.basis).toBe("config");
    expect(summary.message).toContain("按 data/geo/crs.yaml 的设置（sources.platform[1]）");
  });
});

describe("settings", () => {
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "geo-"));
    writeFileSync(join(d, "map.yaml"), "extent:\n  bbox: [113.7, 33.9, 113.9, 34.1]\n");
    return d;
  };

  test("an unknown coordinate system is a Chinese error naming the file and the line", () => {
    const d = dir();
    writeFileSync(join(d, "crs.yaml"), "default: auto\nsources:\n  platform: baidu09\n");
    expect(() => loadGeoConfig(d)).toThrow(ConfigError);
    expect(() => loadGeoConfig(d)).toThrow(/crs\.yaml 第 3 行：“sources\.platform”.*不是可识别的坐标系/);
  });

  test("cells finer than resolution 9 are refused (they would show single cases)", () => {
    const d = dir();
    writeFileSync(join(d, "map.yaml"), "extent:\n  bbox: [113.7, 33.9, 113.9, 34.1]\ncells:\n  resolution: 11\n");
    expect(() => loadGeoConfig(d)).toThrow(/第 4 行：“cells\.resolution”不能大于 9/);
  });

  test("a district boundary polygon decides inside and outside", () => {
    const d = dir();
    const square = [[113.8, 34.0], [113.86, 34.0], [113.86, 34.06], [113.8, 34.06], [113.8, 34.0]];
    writeFileSync(join(d, "district.geojson"), JSON.stringify({type: "FeatureCollection", features: [{type: "Feature", properties: {}, geometry: {type: "Polygon", coordinates: [square]}}]}));
    writeFileSync(join(d, "map.yaml"), "extent:\n  bbox: [113.7, 33.9, 113.9, 34.1]\n  boundary: district.geojson\n");
    const e = districtExtent(loadGeoConfig(d));
    expect(e.contains(113.83, 34.03)).toBe(true);
    expect(e.contains(113.75, 34.03)).toBe(false);
    expect(e.label).toBe("辖区范围（边界面）");
  });
});
