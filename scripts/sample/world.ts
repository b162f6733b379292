import { STREETS } from "./codes.ts";
import { at, DAY, dayStart, type Time } from "./calendar.ts";
import { Rng } from "./random.ts";

/** Street-level traits shared by the generators (index = position in STREETS). */
export const STREET_TRAITS = STREETS.map((s, i) => ({
  street: s,
  /** Share of platform volume. */
  weight: [0.07, 0.06, 0.11, 0.07, 0.09, 0.11, 0.13, 0.1, 0.09, 0.1, 0.07][i],
  /** Multiplier on handling time (larger = slower). */
  slowness: [1.0, 0.9, 1.1, 0.95, 1.0, 1.15, 1.35, 1.2, 1.05, 0.9, 1.25][i],
  /** Old-town streets have more shop-front problems, outer streets more construction and muck. */
  oldTown: [1, 1, 0.6, 1, 0.7, 0.5, 0.2, 0.3, 0.4, 0.6, 0.3][i],
  roads: [
    ["西大街", "健康路", "建设路", "春秋路"],
    ["东大街", "文峰路", "清虚路", "天宝路"],
    ["八一路", "湖滨路", "延安路", "西关大街"],
    ["南关大街", "新兴路", "建设路", "文化路"],
    ["北大街", "建安大道", "颍昌大道", "毓秀路"],
    ["五一路", "延安路", "许继大道", "劳动路", "学院路"],
    ["高桥营路", "魏北路", "许由路", "尚德路", "建安大道"],
    ["竹林路", "永兴路", "光明路", "解放路"],
    ["许扶路", "七里店路", "月季路", "南海街"],
    ["文峰路", "灞陵路", "魏文路", "车站路"],
    ["半截河路", "八里桥路", "莲城大道", "魏武大道"]
  ][i]
}));

/** Multiplier by calendar month (index 0 = January) for platform volume. */
export const PLATFORM_SEASON = [0.85, 0.8, 1.0, 1.05, 1.1, 1.15, 1.2, 1.15, 1.05, 0.95, 0.9, 0.9];
export const HOTLINE_SEASON = [0.9, 0.85, 0.95, 1.0, 1.1, 1.25, 1.35, 1.3, 1.05, 0.95, 0.9, 0.95];

/** Volume relative to 2024. */
export function growth(year: number): number {
  const g: Record<number, number> = { 2023: 0.9, 2024: 1, 2025: 1.07, 2026: 1.12 };
  return g[year] ?? 1.12 * Math.pow(1.03, year - 2026);
}

/**
 * Snow days of a winter: two fixed episodes that match the real weather of those winters, plus
 * 1-3 random episodes for later winters. Keyed by the local day start.
 */
export function snowDays(seed: number, years: number[]): Set<Time> {
  const out = new Set<Time>();
  const add = (t: Time, n: number) => {
    for (let i = 0; i < n; i++) out.add(dayStart(t) + i * DAY);
  };
  add(at(2023, 12, 14), 2);
  add(at(2024, 2, 2), 4);
  for (const y of years) {
    if (y <= 2024) continue;
    const rng = new Rng(seed, `snow:${y}`);
    const episodes = rng.int(1, 3);
    for (let k = 0; k < episodes; k++) {
      const start = rng.chance(0.5) ? at(y, rng.int(1, 2), rng.int(1, 28)) : at(y, 12, rng.int(1, 28));
      add(start, rng.int(1, 3));
    }
  }
  return out;
}

/** Heavy-rain days in the summer months. */
export function rainDays(seed: number, years: number[]): Set<Time> {
  const out = new Set<Time>();
  for (const y of years) {
    const rng = new Rng(seed, `rain:${y}`);
    const n = rng.int(4, 9);
    for (let k = 0; k < n; k++) out.add(at(y, rng.int(6, 8), rng.int(1, 30)));
  }
  return out;
}
