import {publishArrow} from "../../loaders/publish/connection.ts";
import {platformMonthlySql} from "../../loaders/publish/platform.ts";

await publishArrow(platformMonthlySql);
