/**
 * Conversion of exported coordinates to WGS-84 degrees with the libraries that define them: proj4 for every projected
 * or datum-shifted system, gcoord for the GCJ-02 and BD-09 offsets of Chinese web maps. No formula is written here.
 */
import gcoordModule from "gcoord";
import proj4 from "proj4";
import {ZONES, gaussKrugerZone, type CoordinateSystem} from "./systems.ts";

/** gcoord 1.0.7's declarations export nothing (`export {}`); its CommonJS module is this object. */
const gcoord = gcoordModule as unknown as {transform(point: number[], from: string, to: string): number[]; GCJ02: string; BD09: string; WGS84: string};

/** [longitude, latitude] in WGS-84 degrees. */
export type LonLat = [number, number];

/** Turns one export's (X, Y) pair, in the system's own axis convention, into WGS-84; null when the values cannot be that system's. */
export type Converter = (x: number, y: number) => LonLat | null;

const valid = (p: readonly number[]): LonLat | null =>
  Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90 ? [p[0], p[1]] : null;

function projected(definition: string, xIs: CoordinateSystem["x"]): Converter {
  const forward = proj4(definition, "WGS84").forward;
  return xIs === "easting" ? (x, y) => valid(forward([x, y])) : (x, y) => valid(forward([y, x]));
}

/**
 * The converter of a system. For Gauss–Krüger systems whose easting carries the zone number, the zone is read from
 * each value (a converter per zone, made once). Throws when proj4 cannot parse a configured definition.
 */
export function converter(system: CoordinateSystem): Converter {
  if (system.offset) {
    const from = system.offset === "gcj02" ? gcoord.GCJ02 : gcoord.BD09;
    return (x, y) => {
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return null;
      return valid(gcoord.transform([x, y], from, gcoord.WGS84));
    };
  }
  if (system.zoneWidth) {
    const width = system.zoneWidth;
    const [first, last] = ZONES[width];
    const zones = new Map<number, Converter>();
    return (x, y) => {
      const easting = system.x === "easting" ? x : y;
      const zone = Math.floor(easting / 1_000_000);
      if (zone < first || zone > last) return null;
      let convert = zones.get(zone);
      if (!convert) zones.set(zone, (convert = converter(gaussKrugerZone(width, zone))));
      return convert(x, y);
    };
  }
  if (system.proj4) {
    if (system.kind === "geographic") {
      const forward = proj4(system.proj4, "WGS84").forward;
      return system.x === "lon" ? (x, y) => valid(forward([x, y])) : (x, y) => valid(forward([y, x]));
    }
    return projected(system.proj4, system.x);
  }
  return system.x === "lon" ? (x, y) => valid([x, y]) : (x, y) => valid([y, x]);
}
