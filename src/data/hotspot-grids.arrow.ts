import {hotspotGridsSql, publishHotspotArrow} from "../../loaders/publish/hotspot.ts";

await publishHotspotArrow(hotspotGridsSql);
