/** Observable Framework configuration. Everything here must work with no internet access. */
import {caseMonthPaths} from "./loaders/publish/case-months.ts";
import {hotspotCasePaths} from "./loaders/publish/hotspot.ts";

/** Files Framework cannot find from the pages: the case lists, fetched only for a drill-down. */
async function* dynamicPaths(): AsyncGenerator<string> {
  // the platform's, a file a month (loaders/publish/case-months.ts)
  yield* caseMonthPaths();
  // 案件热点's, a file a part of the map (loaders/publish/hotspot.ts)
  yield* hotspotCasePaths();
}

export default {
  root: "src",
  // the benchmark builds its sample into its own folder rather than over the dashboard in dist/
  output: process.env.CHENGGUAN_DIST ?? "dist",
  title: "城管统计看板",
  lang: "zh-CN",
  // The default stylesheet list loads a web font from a public CDN; an intranet has none.
  globalStylesheets: [],
  style: "style.css",
  // Parquet and JSON are DuckDB-WASM extensions fetched from the internet at run time; data ships as Arrow IPC streams.
  duckdb: {extensions: {json: null, parquet: null}},
  dynamicPaths,
  pages: [
    {name: "数字城管案件", path: "/platform"},
    {name: "案件热点", path: "/hotspot"},
    {name: "执法办案", path: "/enforcement"},
    {name: "复议诉讼", path: "/review"},
    {name: "热线诉求", path: "/hotline"},
    {name: "普法宣传与培训", path: "/publicity"},
    {name: "年度目标", path: "/plan"},
    {name: "年度报告数据", path: "/report"},
    {name: "自助分析", path: "/sql"},
    {name: "数据质量", path: "/quality"}
  ],
  home: "城管统计看板 · 总览",
  pager: false,
  search: false,
  footer: "魏都区城市管理局 · 城管统计看板",
  head: '<meta name="robots" content="noindex"><link rel="icon" href="data:,">'
};
