/**
 * Time is kept as whole seconds since 1970-01-01 00:00 China local time (UTC+8, no DST), so UTC
 * accessors of `new Date(t * 1000)` return local wall-clock fields.
 */
export type Time = number;

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

export interface YearMonth {
  year: number;
  month: number;
}

export function at(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Time {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

export function ymOf(t: Time): YearMonth {
  const d = new Date(t * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export function ymKey(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, "0")}`;
}

export function parseYm(s: string): YearMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || +m[2] < 1 || +m[2] > 12) throw new Error(`expected YYYY-MM, got ${s}`);
  return { year: +m[1], month: +m[2] };
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  const i = ym.year * 12 + ym.month - 1 + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

export function compareYm(a: YearMonth, b: YearMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

export function monthRange(from: YearMonth, until: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let ym = from; compareYm(ym, until) <= 0; ym = addMonths(ym, 1)) out.push(ym);
  return out;
}

export function monthStart(ym: YearMonth): Time {
  return at(ym.year, ym.month, 1);
}

export function monthEnd(ym: YearMonth): Time {
  return monthStart(addMonths(ym, 1));
}

export function daysInMonth(ym: YearMonth): number {
  return (monthEnd(ym) - monthStart(ym)) / DAY;
}

/** The latest full month before `now` (local date of the machine is irrelevant: China time is used). */
export function latestFullMonth(now: Date): YearMonth {
  const local = new Date(now.getTime() + 8 * 3600 * 1000);
  return addMonths({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 }, -1);
}

export interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  /** 0 = Sunday. */
  dow: number;
}

export function parts(t: Time): Parts {
  const d = new Date(t * 1000);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hh: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    ss: d.getUTCSeconds(),
    dow: d.getUTCDay()
  };
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoDate(t: Time): string {
  const p = parts(t);
  return `${p.y}-${p2(p.m)}-${p2(p.d)}`;
}

export function isoDateTime(t: Time): string {
  const p = parts(t);
  return `${p.y}-${p2(p.m)}-${p2(p.d)}T${p2(p.hh)}:${p2(p.mi)}:${p2(p.ss)}`;
}

/** Start of the local day containing t. */
export function dayStart(t: Time): Time {
  return Math.floor(t / DAY) * DAY;
}

/** Excel 1900-system serial number of t (days since 1899-12-30). */
export function excelSerial(t: Time): number {
  return t / DAY + 25569;
}

/** 春节 (Spring Festival) dates; the surrounding week has low activity. */
const SPRING_FESTIVAL: Record<number, [number, number]> = {
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3]
};

/** Activity factor for public holidays: 1 on a normal day, lower around 春节, 劳动节 and 国庆. */
export function holidayFactor(t: Time): number {
  const p = parts(t);
  const sf = SPRING_FESTIVAL[p.y];
  if (sf) {
    const offset = (dayStart(t) - at(p.y, sf[0], sf[1])) / DAY;
    if (offset >= -1 && offset <= 6) return 0.45;
  }
  if (p.m === 10 && p.d <= 7) return 0.7;
  if (p.m === 5 && p.d <= 5) return 0.8;
  return 1;
}

export function isWorkday(t: Time): boolean {
  const p = parts(t);
  return p.dow !== 0 && p.dow !== 6 && holidayFactor(t) === 1;
}

/** Move t into [fromHour, toHour) of its day or the next day, keeping a random minute offset. */
export function intoHours(t: Time, fromHour: number, toHour: number, offsetMinutes: number): Time {
  const h = parts(t).hh;
  if (h >= fromHour && h < toHour) return t;
  const day = h < fromHour ? dayStart(t) : dayStart(t) + DAY;
  return day + fromHour * HOUR + offsetMinutes * MINUTE;
}
