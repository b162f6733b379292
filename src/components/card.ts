/** A chart card: title, the chart, a toolbar (table, CSV, Excel, PNG, SVG) and an accessible table behind it. */
import {downloadCsv, downloadPng, downloadSvg, downloadXlsx, type Cell, type Column} from "./export.js";
import {formatNumber} from "./number-format.js";

export interface CardOptions {
  title: string;
  /** File name for exports, without extension. */
  name?: string;
  subtitle?: string;
  rows?: Record<string, Cell>[];
  columns?: Column[];
  /** Formats a cell of the table view; defaults to the zh-CN string of the value. */
  format?: (value: Cell, key: string) => string;
  /** Rows shown in the table view before "more". */
  tableLimit?: number;
  /** The card is the table itself (shown, not folded behind the chart). */
  tableOnly?: boolean;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function defaultFormat(value: Cell): string {
  if (value == null) return "";
  if (typeof value === "number") return value.toLocaleString("zh-CN", {maximumFractionDigits: 2});
  if (value instanceof Date) return value.toLocaleDateString("zh-CN");
  return String(value);
}

/** Cells of at most this many characters never wrap. */
const SHORT_TEXT = 6;

/** A column label that ends in a parenthesis, such as "立案率（÷有效上报数）": the name and the parenthesis. */
const LABEL_NOTE = /^(.+?)(（[^（）]*）)$/;

/**
 * A header cell. A label's closing parenthesis goes on a second, smaller line, so that wide tables such as the
 * 考核指标 fit a laptop's width; the cell's text stays the whole label.
 */
function headerCell(label: string, className: string): HTMLTableCellElement {
  const match = LABEL_NOTE.exec(label);
  if (!match) return element("th", {scope: "col", textContent: label, className});
  return element("th", {scope: "col", className}, [match[1], element("span", {className: "th-note", textContent: match[2]})]);
}

/** Keys of the columns that hold numbers and nothing else but empty cells. */
export function numericColumns(rows: readonly Record<string, Cell>[], columns: readonly Column[]): Set<string> {
  const numeric = (key: string) => rows.some((r) => typeof r[key] === "number") && rows.every((r) => r[key] == null || typeof r[key] === "number");
  return new Set(columns.filter((c) => numeric(c.key)).map((c) => c.key));
}

/**
 * A plain HTML table; every value is inserted as text, never as markup. Numeric columns are right-aligned as a
 * whole, header and empty cells included, so that a "—" stands where its figure would.
 */
export function dataTable(rows: Record<string, Cell>[], columns: Column[], {format = defaultFormat, limit = 500, caption}: {format?: (value: Cell, key: string) => string; limit?: number; caption?: string} = {}): HTMLTableElement {
  const shown = rows.slice(0, limit);
  const numeric = numericColumns(shown, columns);
  const align = (key: string) => (numeric.has(key) ? "num" : "");
  const table = element("table", {className: "data-table"});
  if (caption) table.append(element("caption", {textContent: caption}));
  table.append(element("thead", {}, [element("tr", {}, columns.map((c) => headerCell(c.label, align(c.key))))]));
  const body = element("tbody");
  for (const row of shown) {
    body.append(
      element(
        "tr",
        {},
        columns.map((c) => {
          const text = format(row[c.key], c.key);
          // a status such as "✓ 平衡" reads badly broken over two lines
          return element("td", {textContent: text, className: align(c.key) || (text.length <= SHORT_TEXT ? "short" : "")});
        })
      )
    );
  }
  table.append(body);
  if (rows.length > limit) table.append(element("tfoot", {}, [element("tr", {}, [element("td", {colSpan: columns.length, textContent: `共 ${formatNumber(rows.length)} 行，此处显示前 ${limit} 行；导出可得全部。`})])]));
  return table;
}

export function card(chart: Element | null, options: CardOptions): HTMLElement {
  const {title, subtitle, rows, columns, format, tableLimit, tableOnly = false} = options;
  const name = options.name ?? title;
  const toolbar = element("div", {className: "card-toolbar"});
  const root = element("div", {className: "card chart-card"}, [
    element("div", {className: "card-head"}, [element("h2", {textContent: title}), toolbar]),
    ...(subtitle ? [element("h3", {textContent: subtitle})] : [])
  ]);
  if (chart) root.append(chart);
  const button = (label: string, onclick: () => void, aria: string) => {
    const b = element("button", {type: "button", textContent: label, title: aria});
    b.setAttribute("aria-label", `${title}：${aria}`);
    b.addEventListener("click", onclick);
    toolbar.append(b);
    return b;
  };
  if (tableOnly && rows && columns) {
    root.append(element("div", {className: "table-scroll"}, [dataTable(rows, columns, {format, limit: tableLimit, caption: title})]));
  } else if (rows && columns) {
    const details = element("details", {className: "table-view"}, [element("summary", {textContent: `数据表（${formatNumber(rows.length)} 行）`})]);
    details.addEventListener("toggle", () => {
      if (details.open && details.childElementCount === 1) details.append(dataTable(rows, columns, {format, limit: tableLimit, caption: title}));
    });
    root.append(details);
  }
  if (rows && columns) {
    button("CSV", () => downloadCsv(rows, columns, name), "导出 CSV");
    button("Excel", () => void downloadXlsx(rows, columns, name), "导出 Excel");
  }
  if (chart) {
    button("PNG", () => void downloadPng(chart, name), "导出 PNG 图片");
    button("SVG", () => downloadSvg(chart, name), "导出 SVG 矢量图");
  }
  return root;
}
