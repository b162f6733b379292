import {publishArrow} from "../../loaders/publish/connection.ts";
import {casesSql} from "../../loaders/publish/enforcement.ts";

await publishArrow(casesSql);
