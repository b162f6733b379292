import {hotspotCellsSql, publishHotspotArrow} from "../../loaders/publish/hotspot.ts";

await publishHotspotArrow(hotspotCellsSql);
