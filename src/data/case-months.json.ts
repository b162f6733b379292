import {caseMonths} from "../../loaders/publish/case-months.ts";

process.stdout.write(JSON.stringify(await caseMonths()));
