import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformDepartmentSql} from "../../loaders/publish/platform.ts";

await publishArrow(platformDepartmentSql);
