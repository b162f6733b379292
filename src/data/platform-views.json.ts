import {platformCommunitySql, platformCubeSql, platformDepartmentSql, platformDurationSql, platformMonthlySql, platformWeekdayHourSql} from "../../loaders/publish/platform.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {caseMonthsSql} from "../../loaders/publish/case-months.ts";
import {platformDefaultViews, platformOptions, platformView} from "../components/platform-view.ts";

await publishPrerendered(
  {cube: platformCubeSql, monthly: platformMonthlySql, department: platformDepartmentSql, community: platformCommunitySql, weekday_hour: platformWeekdayHourSql, duration: platformDurationSql, case_months: caseMonthsSql},
  platformOptions,
  platformView,
  platformDefaultViews
);
