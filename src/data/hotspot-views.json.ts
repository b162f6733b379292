import {loadGeoConfig} from "../../loaders/geo/config.ts";
import {hotspotCellsSql, hotspotGridsSql, registerCells} from "../../loaders/publish/hotspot.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {hotspotDefaultViews, hotspotOptions, hotspotPrerenderedView} from "../components/hotspot-data.ts";

const {resolution} = loadGeoConfig().map.cells;
await publishPrerendered({cells: hotspotCellsSql, grids: hotspotGridsSql}, hotspotOptions, hotspotPrerenderedView, hotspotDefaultViews, (con) => registerCells(con, resolution));
