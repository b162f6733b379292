import {publishArrow} from "../../loaders/publish/connection.ts";
import {hotlineSql} from "../../loaders/publish/activity.ts";

await publishArrow(hotlineSql);
