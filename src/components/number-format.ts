/**
 * zh-CN number and date formats, as the pages show them. Pure (no browser or `npm:` import), so the Word documents
 * built in Node and in the browser (annual-report.ts, bulletin.ts) format numbers exactly as the pages do.
 */
/** A formatter made on first use: making one loads the locale's data (tens of ms each at page load on a slow PC). */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
const plain = lazy(() => new Intl.NumberFormat("zh-CN"));
const integer = lazy(() => new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 0}));
const decimal = lazy(() => new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 1}));
const score = lazy(() => new Intl.NumberFormat("zh-CN", {minimumFractionDigits: 1, maximumFractionDigits: 1}));
const percent = lazy(() => new Intl.NumberFormat("zh-CN", {style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1}));
const yuan = lazy(() => new Intl.NumberFormat("zh-CN", {style: "currency", currency: "CNY", maximumFractionDigits: 0}));
const dateTime = lazy(() => new Intl.DateTimeFormat("zh-CN", {timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false}));

const dash = "—";
const finite = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);

/** As `x.toLocaleString("zh-CN")` (up to 3 decimals), with one formatter for every call: charts call it per mark. */
export const formatNumber = (x: number | null | undefined): string => (finite(x) ? plain().format(x) : dash);
export const formatInteger = (x: number | null | undefined): string => (finite(x) ? integer().format(x) : dash);
export const formatDecimal = (x: number | null | undefined): string => (finite(x) ? decimal().format(x) : dash);
/** A score with one decimal always shown ("94.0"), so that a column of scores lines up. */
export const formatScore = (x: number | null | undefined): string => (finite(x) ? score().format(x) : dash);
export const formatPercent = (x: number | null | undefined): string => (finite(x) ? percent().format(x) : dash);
export const formatYuan = (x: number | null | undefined): string => (finite(x) ? yuan().format(x) : dash);
export const formatDateTime = (x: Date | string | null | undefined): string => (x == null ? dash : dateTime().format(new Date(x)));
/** "2024年3月" for a month key "2024-03". */
export const formatMonth = (key: string): string => `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`;

/** A plan target's value or actual in its unit: "95.0%", "480 篇", "—" for none. */
export function formatValue(value: number | null, unit: string): string {
  if (value == null) return "—";
  const digits = unit === "%" ? 1 : Number.isInteger(value) ? 0 : 1;
  return `${value.toLocaleString("zh-CN", {maximumFractionDigits: digits, minimumFractionDigits: unit === "%" ? 1 : 0})}${unit === "%" ? "%" : ` ${unit}`}`;
}
