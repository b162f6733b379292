import {publishJson} from "../../loaders/publish/connection.ts";
import {buildAnnual} from "../../loaders/publish/annual.ts";

await publishJson(buildAnnual);
