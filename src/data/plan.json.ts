import {publishJson} from "../../loaders/publish/connection.ts";
import {buildPlans} from "../../loaders/publish/plan.ts";

await publishJson((con) => buildPlans(con));
