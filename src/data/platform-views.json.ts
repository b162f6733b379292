import {platformCommunitySql, platformCubeSql, platformDepartmentSql, platformDurationSql, platformMonthlySql, platformWeekdayHourSql} from "../../loaders/publish/platform.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {platformDefaultViews, platformOptions, platformView} from "../components/platform-view.ts";

await publishPrerendered(
  {cube: platformCubeSql, monthly: platformMonthlySql, department: platformDepartmentSql, community: platformCommunitySql, weekday_hour: platformWeekdayHourSql, duration: platformDurationSql},
  platformOptions,
  platformView,
  platformDefaultViews
);
