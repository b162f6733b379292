import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformCubeSql} from "../../loaders/publish/platform.ts";

await publishArrow(platformCubeSql);
