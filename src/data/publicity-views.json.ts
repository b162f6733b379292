import {publicitySql, trainingSql} from "../../loaders/publish/activity.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {publicityDefaultViews, publicityOptions, publicityView} from "../components/publicity-data.ts";

// the level order is the publicity_level code list's, as meta.json gives it to the page
let levelOrder: string[] | undefined;
await publishPrerendered(
  {publicity: publicitySql, training: trainingSql, level_order: "SELECT name, position FROM codes WHERE list = 'publicity_level'"},
  publicityOptions,
  async (db, filters) => {
    levelOrder ??= (await db.query("SELECT name FROM level_order ORDER BY position")).map((r) => r.name as string);
    return publicityView(db, filters.year == null ? null : Number(filters.year), levelOrder);
  },
  publicityDefaultViews
);
