/**
 * The bureau's geography settings in data/geo/ (or $CHENGGUAN_GEO): `crs.yaml`, the coordinate system of each
 * source's exports, and `map.yaml`, the district's extent, the cell size, the boundary files and an optional intranet
 * basemap. Both are read with readYamlFile, so a fault names the file and the line in Chinese.
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import picomatch from "picomatch";
import proj4 from "proj4";
import {z} from "zod";
import {ConfigError, readYamlFile} from "../yaml-file.ts";
import {NAMES, systemByName, type CoordinateSystem} from "./systems.ts";

export const GEO_ENV = "CHENGGUAN_GEO";

/** The folder of the geography settings: $CHENGGUAN_GEO, or data/geo under the working directory (the project). */
export function geoDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env[GEO_ENV] || "data/geo");
}

const AUTO = "auto";
const Month = z.string().regex(/^\d{4}-\d{2}$/, "应为年-月，如 2024-01");
const Axis = z.enum(["lon", "lat", "northing", "easting"]);

const knownSystem = (name: string) => {
  if (name === AUTO) return true;
  const system = systemByName(name);
  if (!system) return false;
  if (!system.proj4) return true;
  try {
    proj4(system.proj4, "WGS84");
    return true;
  } catch {
    return false;
  }
};
const SystemName = z.string().min(1).refine(knownSystem, {message: `不是可识别的坐标系（可用：auto、${NAMES.join("、")}）`});

const Rule = z
  .object({
    crs: SystemName,
    /** First and last month (YYYY-MM, from the file's name) the rule applies to. */
    from: Month.optional(),
    until: Month.optional(),
    /** Glob on the file's path under the raw folder, e.g. "platform/2023-*". */
    files: z.string().min(1).optional(),
    /** What the X column holds, for a proj4 string whose convention is not the survey one. */
    x: Axis.optional(),
    note: z.string().optional()
  })
  .strict();

const CrsFile = z
  .object({
    default: SystemName.default(AUTO),
    sources: z.record(z.string(), z.union([SystemName, z.array(Rule)])).default({})
  })
  .strict();

const Extent = z
  .object({
    /** West, south, east, north in WGS-84 degrees. */
    bbox: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    /** A GeoJSON file in the same folder whose (Multi)Polygons are the district; when given, points are tested against it. */
    boundary: z.string().min(1).optional()
  })
  .strict()
  .refine((e) => e.bbox[0] < e.bbox[2] && e.bbox[1] < e.bbox[3], {message: "范围应为 [西, 南, 东, 北]，西小于东、南小于北", path: ["bbox"]});

const MapFile = z
  .object({
    name: z.string().min(1).default("辖区"),
    extent: Extent,
    /** H3 resolution of the published cells: 9 is about 0.1 km² (edges of about 200 m); finer would show single cases. */
    cells: z.object({resolution: z.number().int().min(5).max(9).default(9)}).strict().default({resolution: 9}),
    /** Boundary files (GeoJSON, WGS-84) drawn on the map, each with the property that names a feature. */
    boundaries: z.array(z.object({file: z.string().min(1), label: z.string().min(1).default("name"), kind: z.enum(["street", "community", "district"]).default("street")}).strict()).default([]),
    /** An intranet tile service (XYZ template with {z}, {x}, {y}); null keeps the map free of any request. */
    basemap: z.object({url: z.string().regex(/\{z\}.*\{x\}.*\{y\}|\{z\}.*\{y\}.*\{x\}/, "应含 {z}、{x}、{y}").nullable().default(null), attribution: z.string().default("")}).strict().default({url: null, attribution: ""})
  })
  .strict();

export type CrsConfig = z.infer<typeof CrsFile>;
export type MapConfig = z.infer<typeof MapFile>;

export interface GeoConfig {
  dir: string;
  crs: CrsConfig;
  map: MapConfig;
}

const cache = new Map<string, GeoConfig>();

/** Reads and checks crs.yaml and map.yaml (once per folder and process). Throws ConfigError naming the file and line. */
export function loadGeoConfig(dir = geoDir()): GeoConfig {
  let config = cache.get(dir);
  if (!config) {
    const shown = (name: string) => relative(process.cwd(), join(dir, name)) || name;
    const crs = existsSync(join(dir, "crs.yaml")) ? readYamlFile(join(dir, "crs.yaml"), CrsFile, shown("crs.yaml")) : CrsFile.parse({});
    const map = readYamlFile(join(dir, "map.yaml"), MapFile, shown("map.yaml"));
    for (const file of [map.extent.boundary, ...map.boundaries.map((b) => b.file)]) {
      if (file && !existsSync(join(dir, file))) throw new ConfigError(shown("map.yaml"), null, `边界文件 ${file} 不存在（应放在 ${shown("")} 中）`);
    }
    config = {dir, crs, map};
    cache.set(dir, config);
  }
  return config;
}

/**
 * A stamp of every settings file in the folder (its name and bytes), checked first: it goes into the staging worker's
 * bundle, so that a change to crs.yaml or map.yaml makes the next ingest read every file again. Throws ConfigError.
 */
export function geoConfigStamp(dir = geoDir()): string {
  loadGeoConfig(dir);
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).filter((n) => /\.(ya?ml|geojson|json)$/i.test(n)).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(dir, name))).update("\0");
  }
  return `geo settings ${hash.digest("hex").slice(0, 16)}`;
}

export interface FileIdentity {
  source: string;
  /** Path under the raw folder, with forward slashes: platform/2024-03_案卷.xlsx */
  path: string;
  /** YYYY-MM named by the file, or null. */
  month: string | null;
}

export type Configured = {system: CoordinateSystem; rule: string} | null;

/** The system crs.yaml sets for a file (its source's first matching rule, then the default), or null for automatic detection. */
export function configuredSystem(config: CrsConfig, file: FileIdentity): Configured {
  const entry = config.sources[file.source];
  const rules = entry === undefined ? [] : typeof entry === "string" ? [{crs: entry}] : entry;
  for (const [i, rule] of rules.entries()) {
    const r = rule as z.infer<typeof Rule>;
    if (r.from && (!file.month || file.month < r.from)) continue;
    if (r.until && (!file.month || file.month > r.until)) continue;
    if (r.files && !picomatch.isMatch(file.path, r.files)) continue;
    if (r.crs === AUTO) return null;
    return {system: systemByName(r.crs, r.x)!, rule: typeof entry === "string" ? `sources.${file.source}` : `sources.${file.source}[${i + 1}]`};
  }
  return config.default === AUTO ? null : {system: systemByName(config.default)!, rule: "default"};
}
