import {publishArrow} from "../../loaders/publish/connection.ts";
import {trainingSql} from "../../loaders/publish/activity.ts";

await publishArrow(trainingSql);
