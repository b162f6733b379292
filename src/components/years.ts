/** The year every page opens on, and how the year selector names a year. Pure (the unit tests and the build use it). */

/**
 * The one default-year rule of every page: the latest year with data, so far as it goes (the selector says which
 * months an unfinished year holds). Null when there is no year.
 */
export function defaultYear(years: readonly number[]): number | null {
  return years.length ? Math.max(...years) : null;
}

/** The year selector's label, which states the rule. */
export const YEAR_LABEL = "年度（默认最新）";

/** "2025年", or "2026年（1—10月）" when the data (`latestMonth`, "YYYY-MM") end inside that year. */
export function yearOptionLabel(year: number, latestMonth: string | null | undefined): string {
  if (!latestMonth || Number(latestMonth.slice(0, 4)) !== year) return `${year}年`;
  const month = Number(latestMonth.slice(5, 7));
  return month >= 12 ? `${year}年` : `${year}年（${month === 1 ? "1月" : `1—${month}月`}）`;
}
