import {DuckDBInstance} from "@duckdb/node-api";
import {flagSums} from "./loaders/metrics/platform.ts";
const i = await DuckDBInstance.create("/tmp/s1/wh/warehouse.duckdb", {access_mode: "READ_ONLY"}); const c = await i.connect();
const q = async (s: string) => console.table((await c.runAndReadAll(s)).getRowObjectsJson());
await q(`SELECT year(reported_at) y, ${flagSums(["valid","registered","close_due","closed","closed_on_time"])} FROM platform GROUP BY 1 ORDER BY 1`);
await q(`SELECT street, round(100.0*count(*) FILTER (WHERE stage='closed')/count(*) FILTER (WHERE stage IN ('registered','dispatched','handled','closed')),1) close_rate, round(100.0*count(*) FILTER (WHERE stage='closed' AND handled_at<=due_at)/count(*) FILTER (WHERE stage IN ('registered','dispatched','handled','closed')),1) ontime, round(100.0*count(*) FILTER (WHERE stage IN ('registered','dispatched','handled','closed'))/count(*) FILTER (WHERE stage<>'void'),2) reg FROM platform WHERE year(reported_at)=2025 GROUP BY 1 ORDER BY 1`);
await q(`SELECT stage, status, count(*) n FROM platform WHERE reported_at >= '2025-07-01' GROUP BY ALL ORDER BY n DESC LIMIT 12`);
