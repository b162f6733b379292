import { DAY, dayStart, isWorkday, monthEnd, monthStart, type Time, type YearMonth } from "./calendar.ts";
import type { Rng } from "./random.ts";

type Row = Record<string, unknown>;

/** A record as seen over time: each version is the full normalized row valid from `at`. */
export interface Versioned {
  versions: Array<{ at: Time; row: Row }>;
}

/**
 * Rows of a monthly export: every record that got a new version during the month, as it stood at the
 * end of the month.
 */
export function monthRows(records: readonly Versioned[], ym: YearMonth, sortKey: (r: Row) => string): Row[] {
  const start = monthStart(ym);
  const end = monthEnd(ym);
  const out: Row[] = [];
  for (const r of records) {
    if (!r.versions.some((v) => v.at >= start && v.at < end)) continue;
    let latest: Row | null = null;
    for (const v of r.versions) if (v.at < end) latest = v.row;
    if (latest) out.push(latest);
  }
  return out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** Make version times strictly increasing (events on the same day keep their order). */
export function ordered(versions: Versioned["versions"]): Versioned["versions"] {
  for (let i = 1; i < versions.length; i++) if (versions[i].at <= versions[i - 1].at) versions[i].at = versions[i - 1].at + 60;
  return versions;
}

/** A working day in [from, to] (local day starts), falling back to any day when none is found. */
export function workdayBetween(rng: Rng, from: Time, to: Time): Time {
  const a = dayStart(from);
  const n = Math.max(0, Math.floor((dayStart(to) - a) / DAY));
  for (let i = 0; i < 20; i++) {
    const d = a + rng.int(0, n) * DAY;
    if (isWorkday(d)) return d;
  }
  return a + rng.int(0, n) * DAY;
}

/** Next working day on or after t (local day start); at most 10 days later. */
export function nextWorkday(t: Time): Time {
  let d = dayStart(t);
  for (let i = 0; i < 10 && !isWorkday(d); i++) d += DAY;
  return d;
}

/** Previous working day on or before t. */
export function prevWorkday(t: Time): Time {
  let d = dayStart(t);
  for (let i = 0; i < 10 && !isWorkday(d); i++) d -= DAY;
  return d;
}
