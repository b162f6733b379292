import {hotlineSql} from "../../loaders/publish/activity.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {hotlineDefaultViews, hotlineOptions, hotlineView} from "../components/hotline-data.ts";

await publishPrerendered({hotline: hotlineSql}, hotlineOptions, hotlineView, hotlineDefaultViews);
