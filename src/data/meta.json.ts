import {CODE_LISTS, LARGE_FINE_THRESHOLD} from "../../loaders/codes/index.ts";
import {warehouseDir} from "../../loaders/publish/connection.ts";
import {freshness, readReport} from "../../loaders/publish/quality.ts";

process.stdout.write(
  JSON.stringify({
    ...freshness(readReport(warehouseDir())),
    largeFineThreshold: LARGE_FINE_THRESHOLD,
    publicityLevels: CODE_LISTS.publicity_level.entries.map((e) => e.name)
  })
);
