/**
 * The district's extent: the bounding box of data/geo/map.yaml, or the district's polygons from a GeoJSON file named
 * there. A point outside it is kept and flagged, never dropped.
 */
import {polygonContains} from "d3-polygon";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Feature, FeatureCollection, Geometry, Position} from "geojson";
import {ConfigError} from "../yaml-file.ts";
import type {GeoConfig} from "./config.ts";

export interface Extent {
  /** [west, south, east, north], WGS-84 degrees. */
  bbox: [number, number, number, number];
  /** What a report calls it: 魏都区范围（边界面） or 魏都区范围（矩形范围）. */
  label: string;
  contains(lon: number, lat: number): boolean;
}

type Ring = [number, number][];

function polygonsOf(geometry: Geometry | null): Ring[][] {
  if (!geometry) return [];
  const rings = (p: Position[][]) => p.map((ring) => ring.map((q) => [q[0], q[1]] as [number, number]));
  if (geometry.type === "Polygon") return [rings(geometry.coordinates)];
  if (geometry.type === "MultiPolygon") return geometry.coordinates.map(rings);
  if (geometry.type === "GeometryCollection") return geometry.geometries.flatMap(polygonsOf);
  return [];
}

/** The (Multi)Polygons of a GeoJSON document (a FeatureCollection, a Feature or a bare geometry). */
export function readPolygons(text: string, file: string): Ring[][] {
  let doc: FeatureCollection | Feature | Geometry;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ConfigError(file, null, "不是有效的 GeoJSON（JSON 格式错误）");
  }
  const geometries = doc.type === "FeatureCollection" ? doc.features.map((f) => f.geometry) : doc.type === "Feature" ? [doc.geometry] : [doc as Geometry];
  const polygons = geometries.flatMap(polygonsOf);
  if (!polygons.length) throw new ConfigError(file, null, "GeoJSON 中没有面（Polygon 或 MultiPolygon）");
  return polygons;
}

/** Planar test on degrees (the district spans a few kilometres): inside the outer ring and in none of its holes. */
function inPolygons(polygons: Ring[][], lon: number, lat: number): boolean {
  const p: [number, number] = [lon, lat];
  return polygons.some(([outer, ...holes]) => polygonContains(outer, p) && !holes.some((h) => polygonContains(h, p)));
}

/** The extent the settings describe. Throws ConfigError when the boundary file is unreadable. */
export function districtExtent(config: GeoConfig): Extent {
  const {extent, name} = config.map;
  const [w, s, e, n] = extent.bbox;
  const inBox = (lon: number, lat: number) => lon >= w && lon <= e && lat >= s && lat <= n;
  if (!extent.boundary) return {bbox: [w, s, e, n], label: `${name}范围（矩形范围）`, contains: inBox};
  const polygons = readPolygons(readFileSync(join(config.dir, extent.boundary), "utf8"), extent.boundary);
  return {bbox: [w, s, e, n], label: `${name}范围（边界面）`, contains: (lon, lat) => inBox(lon, lat) && inPolygons(polygons, lon, lat)};
}
