/** Exports of what is on screen: tables to CSV/XLSX, charts to SVG/PNG. */

export type Cell = string | number | boolean | Date | null | undefined;
export interface Column {
  key: string;
  label: string;
}

/**
 * A spreadsheet evaluates a cell that starts with = + - @ (or a tab/CR) as a formula, so a
 * text value such as "=HYPERLINK(...)" from the data is prefixed with an apostrophe.
 * Numbers are left as numbers: a negative amount is not an attack.
 */
export function neutralize(value: Cell): Cell {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value == null) return "";
  const text = value instanceof Date ? value.toISOString() : String(neutralize(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV in UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly. */
export function toCsv(rows: Record<string, Cell>[], columns: Column[]): string {
  const lines = [columns.map((c) => csvField(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.key])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

export function toSheetRows(rows: Record<string, Cell>[], columns: Column[]): Cell[][] {
  return [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => neutralize(row[c.key])))];
}

export function download(content: Blob, filename: string): void {
  const url = URL.createObjectURL(content);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(rows: Record<string, Cell>[], columns: Column[], name: string): void {
  download(new Blob([toCsv(rows, columns)], {type: "text/csv;charset=utf-8"}), `${name}.csv`);
}

export async function downloadXlsx(rows: Record<string, Cell>[], columns: Column[], name: string): Promise<void> {
  const XLSX = await import("npm:@e965/xlsx");
  const sheet = XLSX.utils.aoa_to_sheet(toSheetRows(rows, columns));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, name.slice(0, 31).replace(/[\\/?*[\]:]/g, "_") || "Sheet1");
  const bytes = XLSX.write(book, {type: "array", bookType: "xlsx"}) as ArrayBuffer;
  download(new Blob([bytes], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}), `${name}.xlsx`);
}

/**
 * The chart's own SVG in what a card holds: Plot returns the SVG itself, or a figure with its legends before it. A
 * colour ramp legend is an SVG too, so the chart is the figure's last SVG, not its first (the PNG and SVG of 案件热点's
 * map held only the legend).
 */
export function chartSvg(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  const figure = chart.matches("figure") ? chart : chart.querySelector("figure");
  const own = figure ? figure.querySelectorAll<SVGSVGElement>(":scope > svg") : [];
  return own.length ? own[own.length - 1] : chart.querySelector("svg");
}

export function serializeSvg(chart: Element): string | null {
  const svg = chartSvg(chart);
  if (!svg) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = getComputedStyle(svg);
  clone.style.fontFamily = style.fontFamily;
  clone.style.background = "white";
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(chart: Element, name: string): void {
  const text = serializeSvg(chart);
  if (text) download(new Blob([text], {type: "image/svg+xml"}), `${name}.svg`);
}

export async function downloadPng(chart: Element, name: string, scale = 2): Promise<void> {
  const text = serializeSvg(chart);
  const svg = chartSvg(chart);
  if (!text || !svg) return;
  const {width, height} = svg.getBoundingClientRect();
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext("2d")!;
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(image.src);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (blob) download(blob, `${name}.png`);
}
