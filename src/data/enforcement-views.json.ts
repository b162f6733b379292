import {casesSql, documentsSql} from "../../loaders/publish/enforcement.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {enforcementDefaultViews, enforcementOptions, enforcementView} from "../components/enforcement-data.ts";

await publishPrerendered({documents: documentsSql, cases: casesSql}, enforcementOptions, enforcementView, enforcementDefaultViews);
