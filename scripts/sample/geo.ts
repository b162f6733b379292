/**
 * Where the sample's cases happen and how each year's platform writes the place down.
 *
 * Places cluster as real cases do: shop-front and street-trading problems around each street's markets, parking
 * around its schools, facilities (部件) along its main roads, the rest spread over its communities. The markets,
 * schools and road lines are a fixed, made-up geography around the street centres of loaders/codes/streets.ts.
 *
 * Each platform generation exports another system (data/geo/crs.yaml says which, as the bureau would): 2023 CGCS2000
 * 3° Gauss–Krüger zone 38 in the survey convention (X north, Y east with the zone number), 2024 to 2025-06 BD-09,
 * 2025-07 to 2025-12 GCJ-02, from 2026 WGS-84/CGCS2000 degrees. One month's export has its X and Y exchanged, and a
 * few points in every month are misplaced outside the district.
 */
import gcoordModule from "gcoord";
import proj4 from "proj4";
import { gaussKrugerZone } from "../../loaders/geo/systems.ts";
import { parts, type Time } from "./calendar.ts";
import { hash32, Rng } from "./random.ts";
import { STREET_TRAITS } from "./world.ts";

const gcoord = gcoordModule as unknown as { transform(point: number[], from: string, to: string): number[]; GCJ02: string; BD09: string; WGS84: string };

/** Metres per degree at the district's latitude (34°N). */
const M_LAT = 110_940;
const M_LON = 92_300;

interface StreetGeography {
  markets: [number, number][];
  schools: [number, number][];
  /** Road name -> its line through the street: a point and a direction (unit vector in metres). */
  roads: Map<string, { at: [number, number]; dir: [number, number] }>;
}

const offset = (p: readonly [number, number], east: number, north: number): [number, number] => [p[0] + east / M_LON, p[1] + north / M_LAT];

/** The made-up geography, the same for every seed: the sample's world, not its randomness. */
const GEOGRAPHY: StreetGeography[] = STREET_TRAITS.map((t, i) => {
  const rng = new Rng(0, `geography:${i}`);
  const centre: [number, number] = [t.street.lon, t.street.lat];
  const around = (r: number) => offset(centre, (rng.next() - 0.5) * 2 * r, (rng.next() - 0.5) * 2 * r);
  const roads = new Map<string, { at: [number, number]; dir: [number, number] }>();
  for (const name of t.roads) {
    const northSouth = rng.chance(0.5);
    const skew = (rng.next() - 0.5) * 0.3;
    roads.set(name, { at: around(450), dir: northSouth ? [skew, 1] : [1, skew] });
  }
  return { markets: [around(500), around(500)], schools: [around(600), around(600)], roads };
});

type Affinity = "market" | "school" | "road" | "works" | "mixed";

const AFFINITY: Record<string, Affinity> = {
  E0501: "market", E0504: "market", E0508: "market", E0510: "market", E0203: "market", E0204: "market", E0503: "market", E0110: "market",
  E0505: "school", E0506: "school", E0601: "school", E0509: "school",
  E0301: "works", E0302: "works", E0303: "works", E0304: "works", E0305: "works", E0306: "works", E0101: "works", E0103: "works"
};

function affinity(minor: string | undefined): Affinity {
  if (!minor) return "mixed";
  return AFFINITY[minor] ?? (minor.startsWith("C") ? "road" : "mixed");
}

/**
 * A case's place in WGS-84 degrees: near one of its street's markets or schools, along the named road, or spread over
 * the street, as its category (小类 code) makes likely.
 */
export function casePoint(rng: Rng, streetIdx: number, road: string, minor?: string): [number, number] {
  const g = GEOGRAPHY[streetIdx];
  const centre: [number, number] = [STREET_TRAITS[streetIdx].street.lon, STREET_TRAITS[streetIdx].street.lat];
  const kind = affinity(minor);
  const r = rng.next();
  const near = (p: [number, number], sigma: number) => offset(p, rng.normal() * sigma, rng.normal() * sigma);
  const along = () => {
    const line = g.roads.get(road) ?? [...g.roads.values()][0];
    const t = (rng.next() - 0.5) * 1800;
    const side = rng.normal() * 12;
    const [dx, dy] = line.dir;
    const n = Math.hypot(dx, dy);
    return offset(line.at, (dx / n) * t - (dy / n) * side, (dy / n) * t + (dx / n) * side);
  };
  const spread = () => near(centre, 420);
  switch (kind) {
    case "market":
      return r < 0.6 ? near(rng.pick(g.markets), 70) : r < 0.9 ? along() : spread();
    case "school":
      return r < 0.45 ? near(rng.pick(g.schools), 90) : r < 0.85 ? along() : spread();
    case "road":
      return r < 0.75 ? along() : spread();
    case "works":
      return r < 0.5 ? near(g.markets[1], 400) : spread();
    default:
      return r < 0.35 ? along() : r < 0.5 ? near(rng.pick(g.markets), 120) : r < 0.58 ? near(rng.pick(g.schools), 120) : spread();
  }
}

/** Share of points a platform misplaces (the reporter's default position, a neighbouring county): outside the district. */
const MISPLACED = 0.002;
/** The month whose export has its X and Y columns exchanged. */
export const SWAPPED_MONTH = "2024-09";

const GK38 = proj4("WGS84", gaussKrugerZone(3, 38).proj4!);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The 坐标X and 坐标Y a month's export writes for a place (WGS-84 degrees), in that month's system. `T` is the end
 * of the export's month; `key` (the case id) decides, the same way in every month, whether the platform misplaced it.
 */
export function exportedCoordinates(point: readonly [number, number], T: Time, key: string): { x: number; y: number } {
  const { y: year, m } = parts(T - 1);
  const month = `${year}-${String(m).padStart(2, "0")}`;
  let p: [number, number] = [point[0], point[1]];
  const u = (salt: string) => hash32(`${key}:${salt}`) / 2 ** 32;
  if (u("misplaced") < MISPLACED) p = offset(p, (u("side") < 0.5 ? 1 : -1) * (9000 + u("east") * 20000), (u("north") - 0.5) * 30000);
  let x: number;
  let y: number;
  if (year <= 2023) {
    const [easting, northing] = GK38.forward(p);
    [x, y] = [round(northing, 2), round(easting, 2)];
  } else if (month <= "2025-06") {
    [x, y] = gcoord.transform(p, gcoord.WGS84, gcoord.BD09).map((v) => round(v, 6));
  } else if (year === 2025) {
    [x, y] = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02).map((v) => round(v, 6));
  } else {
    [x, y] = p.map((v) => round(v, 6));
  }
  return month === SWAPPED_MONTH ? { x: y, y: x } : { x, y };
}
