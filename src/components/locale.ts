/** zh-CN number and date formats for d3 and Plot (Plot formats its axes through the same d3). */
import * as d3 from "npm:d3";

d3.formatDefaultLocale({
  decimal: ".",
  thousands: ",",
  grouping: [3],
  currency: ["¥", ""]
});

d3.timeFormatDefaultLocale({
  dateTime: "%Y年%-m月%-d日 %A %X",
  date: "%Y/%-m/%-d",
  time: "%H:%M:%S",
  periods: ["上午", "下午"],
  days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
  shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
  months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
  shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"]
});

const integer = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 1});
const percent = new Intl.NumberFormat("zh-CN", {style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1});
const yuan = new Intl.NumberFormat("zh-CN", {style: "currency", currency: "CNY", maximumFractionDigits: 0});
const dateTime = new Intl.DateTimeFormat("zh-CN", {timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false});

const dash = "—";
const finite = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);

export const formatInteger = (x: number | null | undefined): string => (finite(x) ? integer.format(x) : dash);
export const formatDecimal = (x: number | null | undefined): string => (finite(x) ? decimal.format(x) : dash);
export const formatPercent = (x: number | null | undefined): string => (finite(x) ? percent.format(x) : dash);
export const formatYuan = (x: number | null | undefined): string => (finite(x) ? yuan.format(x) : dash);
export const formatDateTime = (x: Date | string | null | undefined): string => (x == null ? dash : dateTime.format(new Date(x)));
/** "2024年3月" for a month key "2024-03". */
export const formatMonth = (key: string): string => `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`;
