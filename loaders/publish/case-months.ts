/**
 * The platform's anonymized case list, one Arrow file a month, so that a drill-down fetches only the months it shows
 * and the bytes a page loads do not grow with the years kept. Framework extracts `data/platform-cases/<YYYY-MM>.arrow`
 * from the archive `data/platform-cases.zip` that src/data/platform-cases.zip.ts writes, for each month that the
 * config's `dynamicPaths` lists (`caseMonthPaths`).
 */
import {zipSync} from "fflate";
import {partsToArrowStreams} from "./arrow.ts";
import {openWarehouse, type Published} from "./connection.ts";
import {platformCasesSql} from "./platform.ts";

/** Where a month's case list is published, from the site's root: "/data/platform-cases/2024-03.arrow". */
export const caseMonthPath = (month: string): string => `/data/platform-cases/${month}.arrow`;

const MONTH_OF_MINUTE = "strftime(make_timestamp(CAST(reported_minute AS BIGINT) * 60000000), '%Y-%m')";

/** Months ("YYYY-MM") that have platform cases in the warehouse: a `month` column. */
export const caseMonthsSql = "SELECT DISTINCT strftime(reported_at, '%Y-%m') AS month FROM platform WHERE reported_at IS NOT NULL";

/** Months ("YYYY-MM", oldest first) that have platform cases in the warehouse. */
export async function caseMonths(published?: Published): Promise<string[]> {
  const warehouse = published ?? (await openWarehouse());
  try {
    const reader = await warehouse.con.runAndReadAll(`${caseMonthsSql} ORDER BY 1`);
    return reader.getRowObjectsJS().map((r) => String(r.month));
  } finally {
    if (!published) warehouse.close();
  }
}

/** The config's dynamicPaths: one case-list file per month. */
export async function* caseMonthPaths(): AsyncGenerator<string> {
  for (const month of await caseMonths()) yield caseMonthPath(month);
}

/** The archive of every month's case list (stored, not deflated: the server compresses each file it sends). */
export async function caseMonthsZip(published?: Published): Promise<Uint8Array> {
  const warehouse = published ?? (await openWarehouse());
  try {
    const {con} = warehouse;
    const months = await caseMonths(warehouse);
    const streams = await partsToArrowStreams(con, `SELECT ${MONTH_OF_MINUTE} AS month, * FROM (${platformCasesSql})`, "month", months, "reported_minute DESC, case_key");
    const files = Object.fromEntries([...streams].map(([month, stream]) => [`${month}.arrow`, stream]));
    return zipSync(files, {level: 0});
  } finally {
    if (!published) warehouse.close();
  }
}
