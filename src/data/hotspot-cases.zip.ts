import {hotspotCasesZip} from "../../loaders/publish/hotspot.ts";

process.stdout.write(await hotspotCasesZip());
