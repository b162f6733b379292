import {publishArrow} from "../../loaders/publish/connection.ts";
import {publicitySql} from "../../loaders/publish/activity.ts";

await publishArrow(publicitySql);
