import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformCasesSql} from "../../loaders/publish/platform.ts";

await publishArrow(platformCasesSql);
