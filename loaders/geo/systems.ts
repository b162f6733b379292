/**
 * The coordinate systems platforms export, each defined once: its id, its Chinese name, how the export's two columns
 * (坐标X, 坐标Y) map onto it, and the proj4 definition or the offset that turns it into WGS-84.
 *
 * Survey convention, as Chinese platforms and EPSG define the CGCS2000 Gauss–Krüger systems: X is the northing and Y
 * the easting, often with the zone number in front (Y = 38484719.75 is zone 38, 484 719.75 m with the 500 km false
 * easting). Geographic systems put the longitude in X.
 */

export type Offset = "gcj02" | "bd09";

export interface CoordinateSystem {
  /** Stable id stored with every converted row (geo_crs): wgs84, gcj02, cgcs2000-gk3-38, proj4:+proj=… */
  id: string;
  /** Chinese name for reports and pages. */
  label: string;
  kind: "geographic" | "projected";
  /** What the export's X column holds in this system's convention (Y holds the other axis). */
  x: "lon" | "lat" | "northing" | "easting";
  /** proj4 definition of the system (geographic systems other than the offset ones are WGS-84 to within centimetres). */
  proj4?: string;
  /** The obfuscation offsets of Chinese web maps, undone with gcoord. */
  offset?: Offset;
  /** 3° or 6° zone width when the system is a Gauss–Krüger zone whose number is read from the easting. */
  zoneWidth?: 3 | 6;
}

const GEOGRAPHIC = {kind: "geographic", x: "lon"} as const;

/** CGCS2000 is realized to within centimetres of WGS-84 (ITRF97 at epoch 2000.0): no datum shift is applied. */
export const WGS84: CoordinateSystem = {id: "wgs84", label: "WGS-84 经纬度", ...GEOGRAPHIC};
export const CGCS2000: CoordinateSystem = {id: "cgcs2000", label: "CGCS2000 经纬度", ...GEOGRAPHIC};
export const GCJ02: CoordinateSystem = {id: "gcj02", label: "GCJ-02 经纬度（高德、腾讯地图）", ...GEOGRAPHIC, offset: "gcj02"};
export const BD09: CoordinateSystem = {id: "bd09", label: "BD-09 经纬度（百度地图）", ...GEOGRAPHIC, offset: "bd09"};

const tmerc = (lon0: number, x0: number) => `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

/** CGCS2000 Gauss–Krüger zone `zone` of width 3° or 6°, with the zone number in front of the easting (EPSG:4513–4533, 4491–4501). */
export function gaussKrugerZone(width: 3 | 6, zone: number): CoordinateSystem {
  const lon0 = width === 3 ? zone * 3 : zone * 6 - 3;
  return {
    id: `cgcs2000-gk${width}-${zone}`,
    label: `CGCS2000 ${width}° 带高斯-克吕格平面坐标（第 ${zone} 带，中央经线 ${lon0}°，X 为北坐标）`,
    kind: "projected",
    x: "northing",
    proj4: tmerc(lon0, zone * 1_000_000 + 500_000)
  };
}

/** CGCS2000 Gauss–Krüger with the central meridian `lon0` and no zone number in the easting (EPSG:4534–4554, 4502–4512). */
export function gaussKrugerMeridian(width: 3 | 6, lon0: number): CoordinateSystem {
  return {
    id: `cgcs2000-gk${width}-cm${lon0}`,
    label: `CGCS2000 ${width}° 带高斯-克吕格平面坐标（中央经线 ${lon0}°，东坐标不带带号，X 为北坐标）`,
    kind: "projected",
    x: "northing",
    proj4: tmerc(lon0, 500_000)
  };
}

/** CGCS2000 Gauss–Krüger whose zone each easting names in its leading digits (the zone is read per value). */
export function gaussKrugerAnyZone(width: 3 | 6): CoordinateSystem {
  return {id: `cgcs2000-gk${width}`, label: `CGCS2000 ${width}° 带高斯-克吕格平面坐标（东坐标带带号，X 为北坐标）`, kind: "projected", x: "northing", zoneWidth: width};
}

/** Zones of China: 3° zones 25–45 (75°E–135°E), 6° zones 13–23. */
export const ZONES = {3: [25, 45], 6: [13, 23]} as const;
const MERIDIANS = {3: (lon0: number) => lon0 % 3 === 0 && lon0 >= 75 && lon0 <= 135, 6: (lon0: number) => (lon0 + 3) % 6 === 0 && lon0 >= 75 && lon0 <= 135};

/** Names a maintainer can write in data/geo/crs.yaml, with what they mean (shown in error messages). */
export const NAMES = ["wgs84", "cgcs2000", "gcj02", "bd09", "cgcs2000-gk3", "cgcs2000-gk3-<带号>", "cgcs2000-gk3-cm<中央经线>", "cgcs2000-gk6", "cgcs2000-gk6-<带号>", "cgcs2000-gk6-cm<中央经线>", "EPSG:<代码>", "+proj=…（proj4 字符串）"];

const EPSG: Record<number, () => CoordinateSystem> = {4326: () => WGS84, 4490: () => CGCS2000};
for (let zone = 25; zone <= 45; zone++) EPSG[4513 + zone - 25] = () => gaussKrugerZone(3, zone);
for (let lon0 = 75; lon0 <= 135; lon0 += 3) EPSG[4534 + (lon0 - 75) / 3] = () => gaussKrugerMeridian(3, lon0);
for (let zone = 13; zone <= 23; zone++) EPSG[4491 + zone - 13] = () => gaussKrugerZone(6, zone);
for (let lon0 = 75; lon0 <= 135; lon0 += 6) EPSG[4502 + (lon0 - 75) / 6] = () => gaussKrugerMeridian(6, lon0);

/**
 * The system a name stands for: a named system, a CGCS2000 EPSG code (4326, 4490, 4491–4554), or a proj4 string for a
 * city's local grid (`x` says what its X column holds; survey convention by default). Returns null for an unknown name.
 */
export function systemByName(name: string, x?: CoordinateSystem["x"]): CoordinateSystem | null {
  const text = name.trim();
  if (text.startsWith("+proj=")) {
    const geographic = /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(text);
    return {id: `proj4:${text}`, label: `自定义坐标系（${text}）`, kind: geographic ? "geographic" : "projected", x: x ?? (geographic ? "lon" : "northing"), proj4: text};
  }
  const lower = text.toLowerCase();
  const fixed = [WGS84, CGCS2000, GCJ02, BD09].find((s) => s.id === lower);
  if (fixed) return fixed;
  const epsg = /^epsg:(\d+)$/.exec(lower);
  if (epsg) return EPSG[Number(epsg[1])]?.() ?? null;
  const gk = /^cgcs2000-gk([36])(?:-(cm)?(\d+))?$/.exec(lower);
  if (!gk) return null;
  const width = Number(gk[1]) as 3 | 6;
  if (gk[3] === undefined) return gaussKrugerAnyZone(width);
  const n = Number(gk[3]);
  if (gk[2]) return MERIDIANS[width](n) ? gaussKrugerMeridian(width, n) : null;
  return n >= ZONES[width][0] && n <= ZONES[width][1] ? gaussKrugerZone(width, n) : null;
}
