import {resolve} from "node:path";
import {publishJson} from "../../loaders/publish/connection.ts";
import {buildPlan, readPlanFiles} from "../../loaders/publish/plan.ts";

const dir = resolve(process.env.CHENGGUAN_PLAN_DIR || "data/plan");
await publishJson(async (con) => {
  const plans = [];
  for (const {year, raw} of readPlanFiles(dir)) plans.push(await buildPlan(con, raw, year));
  return plans;
});
