/**
 * Which coordinate system an export uses when crs.yaml does not say: from the ranges of its values and from where they
 * land. Degrees (|v| ≤ 180), a Gauss–Krüger easting with its zone in front (8 digits), or plane metres without a zone
 * (then the zone is the one that puts the points in the district). Each candidate is tried in both column orders, so
 * a file whose X and Y are exchanged is found too. Degrees cannot tell WGS-84 from GCJ-02 or BD-09 by their values
 * (the offsets are a few hundred metres): a header that names the map decides, otherwise WGS-84 is assumed and the
 * report says so.
 */
import {converter} from "./convert.ts";
import type {Extent} from "./extent.ts";
import {BD09, CGCS2000, GCJ02, WGS84, gaussKrugerAnyZone, gaussKrugerMeridian, type CoordinateSystem} from "./systems.ts";

export interface Candidate {
  system: CoordinateSystem;
  /** X holds what the system's convention puts in Y. */
  swapped: boolean;
}

export interface Detection extends Candidate {
  /** header: the column header named the map; ranges: the values' ranges and the extent decided; assumed: degrees taken as WGS-84. */
  basis: "header" | "ranges" | "assumed";
  /** Points of the sample inside the extent with this candidate, and the sample's size. */
  inside: number;
  sample: number;
}

/** Header words that name a geographic system (a note such as 经度（BD09） or 百度经度). */
const HEADER_HINTS: [RegExp, CoordinateSystem][] = [
  [/bd-?09|百度/i, BD09],
  [/gcj-?02|高德|腾讯|火星/i, GCJ02],
  [/cgcs|2000|天地图/i, CGCS2000],
  [/wgs|gps|84/i, WGS84]
];

export function systemFromHeader(texts: readonly string[]): CoordinateSystem | null {
  for (const [pattern, system] of HEADER_HINTS) if (texts.some((t) => pattern.test(t))) return system;
  return null;
}

/** The candidates the values allow, in order of preference (the system's own column order first). */
export function candidates(sample: readonly [number, number][], extent: Extent): Candidate[] {
  const both = (system: CoordinateSystem): Candidate[] => [
    {system, swapped: false},
    {system, swapped: true}
  ];
  const abs = sample.flatMap(([x, y]) => [Math.abs(x), Math.abs(y)]);
  const out: Candidate[] = [];
  if (abs.every((v) => v <= 180)) out.push(...both(WGS84));
  if (abs.some((v) => v >= 1e7)) out.push(...both(gaussKrugerAnyZone(3)), ...both(gaussKrugerAnyZone(6)));
  else if (abs.some((v) => v > 180)) {
    const lon = (extent.bbox[0] + extent.bbox[2]) / 2;
    const meridians3 = [Math.round(lon / 3) * 3, Math.floor(lon / 3) * 3, Math.ceil(lon / 3) * 3];
    const meridians6 = [Math.round((lon + 3) / 6) * 6 - 3, Math.floor((lon + 3) / 6) * 6 - 3, Math.ceil((lon + 3) / 6) * 6 - 3];
    for (const m of new Set(meridians3)) out.push(...both(gaussKrugerMeridian(3, m)));
    for (const m of new Set(meridians6)) out.push(...both(gaussKrugerMeridian(6, m)));
  }
  return out;
}

/**
 * Detects the system of a file from a sample of its (X, Y) pairs: the candidate that puts most points inside the
 * extent; when none does, the first whose conversion succeeds for most of the sample (points then flagged outside).
 * Returns null when the values fit no supported system. `headers` are the texts of the X and Y column headers.
 */
export function detectSystem(sample: readonly [number, number][], extent: Extent, headers: readonly string[] = []): Detection | null {
  if (!sample.length) return null;
  let best: (Candidate & {inside: number; converted: number}) | null = null;
  for (const c of candidates(sample, extent)) {
    const convert = converter(c.system);
    let inside = 0;
    let converted = 0;
    for (const [x, y] of sample) {
      const p = c.swapped ? convert(y, x) : convert(x, y);
      if (!p) continue;
      converted++;
      if (extent.contains(p[0], p[1])) inside++;
    }
    if (!best || inside > best.inside || (best.inside === 0 && inside === 0 && converted > best.converted)) best = {...c, inside, converted};
  }
  if (!best || (best.inside === 0 && best.converted < sample.length / 2)) return null;
  const result: Detection = {system: best.system, swapped: best.swapped, basis: "ranges", inside: best.inside, sample: sample.length};
  if (best.system === WGS84) {
    const named = systemFromHeader(headers);
    if (named) return {...result, system: named, basis: "header"};
    return {...result, basis: "assumed"};
  }
  return result;
}
