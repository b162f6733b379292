import {hotspotZip} from "../../loaders/publish/hotspot.ts";

process.stdout.write(await hotspotZip());
