import {publishJson} from "../../loaders/publish/connection.ts";
import {hotspotMeta} from "../../loaders/publish/hotspot.ts";

await publishJson((con) => hotspotMeta(con));
