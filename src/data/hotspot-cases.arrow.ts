import {hotspotCasesSql, publishHotspotArrow} from "../../loaders/publish/hotspot.ts";

await publishHotspotArrow(hotspotCasesSql);
