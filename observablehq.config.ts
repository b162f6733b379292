/** Observable Framework configuration. Everything here must work with no internet access. */
export default {
  root: "src",
  title: "城管统计看板",
  lang: "zh-CN",
  // The default stylesheet list loads a web font from a public CDN; an intranet has none.
  globalStylesheets: [],
  style: "style.css",
  // Parquet and JSON are DuckDB-WASM extensions fetched from the internet at run time; data ships as Arrow IPC streams.
  duckdb: {extensions: {json: null, parquet: null}},
  pages: [
    {name: "总览", path: "/"}
  ],
  pager: false,
  search: false,
  footer: "魏都区城市管理局 · 城管统计看板",
  head: '<meta name="robots" content="noindex"><link rel="icon" href="data:,">'
};
