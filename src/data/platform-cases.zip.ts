import {caseMonthsZip} from "../../loaders/publish/case-months.ts";

process.stdout.write(await caseMonthsZip());
