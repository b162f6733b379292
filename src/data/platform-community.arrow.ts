import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformCommunitySql} from "../../loaders/publish/platform.ts";

await publishArrow(platformCommunitySql);
