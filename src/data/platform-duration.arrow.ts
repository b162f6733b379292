import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformDurationSql} from "../../loaders/publish/platform.ts";

await publishArrow(platformDurationSql);
