import {LARGE_FINE_THRESHOLD, METRICS} from "../../loaders/codes/index.ts";
import {RATES} from "../../loaders/metrics/flags.ts";
import {publishJson, warehouseDir} from "../../loaders/publish/connection.ts";
import {freshness, readReport} from "../../loaders/publish/quality.ts";

/** Freshness, and what the pages need to know of the code lists and the rates, from the warehouse's own code book. */
await publishJson(async (con) => {
  const names = async (list: string) =>
    ((await con.runAndReadAll(`SELECT name FROM codes WHERE list = '${list}' ORDER BY position`)).getRowObjectsJS() as {name: string}[]).map((r) => r.name);
  return {
    ...freshness(readReport(warehouseDir())),
    largeFineThreshold: LARGE_FINE_THRESHOLD,
    publicityLevels: await names("publicity_level"),
    rates: Object.fromEntries(
      Object.entries(RATES).map(([id, r]) => [id, {name: METRICS.find((m) => m.id === id)?.name ?? id, numerator: r.numerator, denominator: r.denominator, unmapped: r.unmapped ?? null}])
    )
  };
});
