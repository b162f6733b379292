/** zh-CN number and date formats for d3 and Plot (Plot formats its axes through the same d3), and for the pages (number-format.ts). */
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

export * from "./number-format.js";
