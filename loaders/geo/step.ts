/**
 * The geography step of one export, between acceptance and staging: the file's coordinate system is taken from
 * crs.yaml or detected once from its first rows, then every accepted row gets its WGS-84 lon/lat, the system's id
 * (geo_crs) and a flag (geo_flag) when its X and Y were exchanged, when it lies outside the district, or when its
 * values fit no system. No row is dropped. The file's summary is one Chinese line for its report entry.
 */
import type {AcceptedRow} from "../process.ts";
import {configuredSystem, loadGeoConfig, type FileIdentity, type GeoConfig} from "./config.ts";
import {converter, type Converter, type LonLat} from "./convert.ts";
import {detectSystem, type Detection} from "./detect.ts";
import {districtExtent, type Extent} from "./extent.ts";
import type {CoordinateSystem} from "./systems.ts";

/** Rows with coordinates looked at before the system of an unconfigured file is decided. */
export const DETECT_SAMPLE = 200;

export type GeoFlag = "swapped" | "outside" | "unrecognized";

/** Chinese words for the flags, for reports and the data-quality page. */
export const GEO_FLAG_LABELS: Record<GeoFlag, string> = {swapped: "X/Y 互换（已纠正）", outside: "辖区范围外", unrecognized: "坐标系无法识别"};

export interface GeoSummary {
  /** The system used, or null when the file has no coordinates or they fit no system. */
  system: CoordinateSystem | null;
  basis: "config" | Detection["basis"] | "none";
  /** The file's X and Y columns are in the other order than the system's convention. */
  swapped: boolean;
  rows: number;
  withCoordinates: number;
  flagged: Record<GeoFlag, number>;
  /** The line for the file's report. */
  message: string;
}

export interface GeoStep {
  /** The header texts of the X and Y columns of a sheet (absent when the sheet has no such column). */
  sheet(headers: {x?: string; y?: string}): void;
  accept(row: AcceptedRow): void;
  /** Writes the rows still held and returns the file's summary. */
  finish(): GeoSummary;
}

const coordinate = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) && v !== 0 ? v : null);
const pct = (n: number, d: number) => `${Math.round((n / d) * 100)}%`;

/**
 * The step for one file of a source whose schema has x and y fields; `write` stages a row. Reads the settings once per
 * process (ConfigError when they are invalid, which the ingest checks before it reads any file).
 */
export function geoStep(file: FileIdentity, write: (row: AcceptedRow) => void, config: GeoConfig = loadGeoConfig()): GeoStep {
  const extent: Extent = districtExtent(config);
  const configured = configuredSystem(config.crs, file);
  const headers: string[] = [];
  let hasColumns = false;
  let held: AcceptedRow[] | null = configured ? null : [];
  let sample: [number, number][] = [];
  let decided: {system: CoordinateSystem; swapped: boolean; convert: Converter; detection: Detection | null} | null = configured
    ? {system: configured.system, swapped: false, convert: converter(configured.system), detection: null}
    : null;
  let undecidable = false;
  const flagged: Record<GeoFlag, number> = {swapped: 0, outside: 0, unrecognized: 0};
  let rows = 0;
  let withCoordinates = 0;

  const place = (values: Record<string, unknown>) => {
    const x = coordinate(values.x);
    const y = coordinate(values.y);
    if (x === null || y === null) return;
    withCoordinates++;
    if (!decided) {
      values.geo_flag = "unrecognized";
      flagged.unrecognized++;
      return;
    }
    const {convert, swapped} = decided;
    const own: LonLat | null = swapped ? convert(y, x) : convert(x, y);
    let point = own;
    let flag: GeoFlag | null = null;
    let exchanged = swapped;
    if (!own || !extent.contains(own[0], own[1])) {
      const other = swapped ? convert(x, y) : convert(y, x);
      if (other && extent.contains(other[0], other[1])) {
        point = other;
        exchanged = !swapped;
      } else flag = own ? "outside" : other ? "outside" : "unrecognized";
      if (!own && other) point = other;
    }
    if (exchanged && flag === null) flag = "swapped";
    if (flag) flagged[flag]++;
    values.geo_flag = flag;
    values.geo_crs = decided.system.id;
    if (point && flag !== "unrecognized") {
      values.lon = point[0];
      values.lat = point[1];
    }
  };

  const decide = () => {
    const detection = detectSystem(sample, extent, headers);
    if (detection) decided = {system: detection.system, swapped: detection.swapped, convert: converter(detection.system), detection};
    else undecidable = sample.length > 0;
    for (const row of held!) {
      place(row.values);
      write(row);
    }
    held = null;
    sample = [];
  };

  return {
    sheet(h) {
      if (h.x !== undefined && h.y !== undefined) hasColumns = true;
      for (const t of [h.x, h.y]) if (t) headers.push(t);
    },
    accept(row) {
      rows++;
      if (held) {
        held.push(row);
        const x = coordinate(row.values.x);
        const y = coordinate(row.values.y);
        if (x !== null && y !== null) sample.push([x, y]);
        if (sample.length >= DETECT_SAMPLE) decide();
        return;
      }
      place(row.values);
      write(row);
    },
    finish() {
      if (held) decide();
      const system = decided?.system ?? null;
      const detection = decided?.detection ?? null;
      const basis: GeoSummary["basis"] = configured ? "config" : detection ? detection.basis : "none";
      const summary: GeoSummary = {system, basis, swapped: decided?.swapped ?? false, rows, withCoordinates, flagged, message: ""};
      summary.message = describe(summary, {file, configured, detection, undecidable, hasColumns, extent});
      return summary;
    }
  };
}

function describe(
  s: GeoSummary,
  c: {file: FileIdentity; configured: ReturnType<typeof configuredSystem>; detection: Detection | null; undecidable: boolean; hasColumns: boolean; extent: Extent}
): string {
  if (!c.hasColumns) return "坐标：文件没有坐标X/坐标Y（经度/纬度）列，案卷不进入案件热点图";
  if (s.withCoordinates === 0) return `坐标：${s.rows} 行都没有坐标值（空白或 0），案卷不进入案件热点图`;
  if (c.undecidable) {
    return `坐标：无法识别坐标系（数值既不是经纬度，也不是辖区所在投影带的平面坐标），${s.withCoordinates} 行的坐标保留原值、不进入热点图；请在 data/geo/crs.yaml 中为 ${c.file.source} 设置坐标系`;
  }
  let how: string;
  if (c.configured) how = `按 data/geo/crs.yaml 的设置（${c.configured.rule}）`;
  else if (c.detection!.basis === "header") how = `按数值范围识别为经纬度、按列名（${c.detection!.system.id}）确定为 ${c.detection!.system.label}`;
  else if (c.detection!.basis === "assumed") {
    how = `按数值范围识别为经纬度；数值无法区分 WGS-84、GCJ-02 与 BD-09（偏差约数百米），按 WGS-84 处理，如为高德/腾讯或百度坐标请在 data/geo/crs.yaml 中设置`;
  } else how = `按数值范围自动识别（前 ${c.detection!.sample} 个点中 ${c.detection!.inside} 个、${pct(c.detection!.inside, c.detection!.sample)} 落在${c.extent.label}内）`;
  const parts = [`有坐标 ${s.withCoordinates} 行（共 ${s.rows} 行）`];
  if (s.swapped) parts.push(`整个文件的 X/Y 与该坐标系的约定相反（已互换后换算）`);
  if (s.flagged.swapped) parts.push(`X/Y 互换 ${s.flagged.swapped} 行（已纠正）${!s.swapped && s.flagged.swapped > s.withCoordinates / 2 ? "，导出时两列多半对调了" : ""}`);
  parts.push(`${c.extent.label}外 ${s.flagged.outside} 行`);
  if (s.flagged.unrecognized) parts.push(`无法换算 ${s.flagged.unrecognized} 行`);
  return `坐标：${s.system!.label}，${how}；${parts.join("，")}`;
}
