import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformWeekdayHourSql} from "../../loaders/publish/platform.ts";

await publishArrow(platformWeekdayHourSql);
