import {platformCubeSql, platformMonthlySql} from "../../loaders/publish/platform.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {overviewDefaultViews, overviewView} from "../components/platform-view.ts";
import * as q from "../components/platform-data.ts";

await publishPrerendered({cube: platformCubeSql, monthly: platformMonthlySql}, async (db) => ({years: await q.years(db)}), overviewView, overviewDefaultViews);
