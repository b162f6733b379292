/**
 * A document in the format of 党政机关公文 (GB/T 9704-2012) as an editable Word file, with the `docx` library. The
 * content (title, headings, paragraphs, tables, signature) comes from annual-report.ts and bulletin.ts; this module
 * knows only the format. Pure and free of `npm:` imports, so the CLI (Node) and the pages' download buttons (browser)
 * write the same file.
 *
 * The format, from GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
 * 22 lines a page and 28 characters a line; title in 2号 方正小标宋简体, centred; body in 3号 仿宋_GB2312, each paragraph
 * indented two characters; headings 一、 in 黑体 and （一） in 楷体_GB2312; page numbers in 4号 宋体 as `— 1 —`,
 * odd pages on the right and even pages on the left, one character in from the edge of the 版心.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType
} from "docx";

/** Millimetres to twentieths of a point (Word's unit for page geometry). */
const twip = (mm: number) => Math.round((mm / 25.4) * 1440);

/** Chinese type sizes (字号) in half-points, Word's unit for font size. */
export const TYPE_SIZE = {"2号": 44, "3号": 32, "4号": 28, "小4号": 24, "5号": 21} as const;

export const GBT9704 = {
  pageMm: {width: 210, height: 297},
  marginMm: {top: 37, bottom: 35, left: 28, right: 26},
  linesPerPage: 22,
  charsPerLine: 28,
  fonts: {title: "方正小标宋简体", body: "仿宋_GB2312", heading1: "黑体", heading2: "楷体_GB2312", pageNumber: "宋体"}
} as const;

const PAGE = {width: twip(GBT9704.pageMm.width), height: twip(GBT9704.pageMm.height)};
const MARGIN = {top: twip(GBT9704.marginMm.top), bottom: twip(GBT9704.marginMm.bottom), left: twip(GBT9704.marginMm.left), right: twip(GBT9704.marginMm.right)};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;
const BODY_PT = TYPE_SIZE["3号"] / 2;
/**
 * 22 lines of 28 characters: body lines at an exact pitch that fits 22 into the 版心's height (twips), and body
 * characters set closer by a whole number of twips so that 28 fit into its width (28 × 16 pt is wider than 156 mm).
 * Word's own way, a document grid with a negative `charSpace`, makes LibreOffice give each character two cells and
 * snap even table cells to the grid.
 */
export const GRID = {
  linePitch: Math.floor(TEXT_HEIGHT / GBT9704.linesPerPage),
  characterSpacing: -Math.ceil(BODY_PT * 20 - TEXT_WIDTH / GBT9704.charsPerLine)
};
/** One character of body text, in twips: the unit of GB/T 9704's indents (左空二字, 右空四字). */
const CHAR = BODY_PT * 20;

export interface TableColumn {
  label: string;
  /** Relative width. */
  width: number;
  align?: "left" | "center" | "right";
}

export interface TableRowData {
  cells: string[];
  /** Shown in bold on a grey ground (e.g. a unit below the bureau's standard). */
  marked?: boolean;
}

export type Block =
  | {kind: "heading1"; text: string}
  | {kind: "heading2"; text: string}
  /** A body paragraph, indented two characters; `flush` sets it 顶格 (the 主送机关 line). */
  | {kind: "paragraph"; text: string; flush?: boolean}
  | {kind: "table"; title?: string; columns: TableColumn[]; rows: TableRowData[]; notes?: string[]; size?: keyof typeof TYPE_SIZE};

export interface OfficialDocument {
  /** Title lines (2号 方正小标宋简体, centred). */
  title: string[];
  blocks: Block[];
  signature: {issuer: string; date: string};
  /** Suggested file name, with the .docx extension. */
  fileName: string;
  /** Stored in the file's properties. */
  description: string;
}

/** Text a person must still write: shown highlighted so that it is not missed. */
export const PLACEHOLDER = /(【待填写[^】]*】)/;

const font = (name: string) => ({ascii: name, hAnsi: name, eastAsia: name, cs: name});

/** Runs of `text`; text smaller than the body's is set without the body's closer character spacing. */
function runs(text: string, options: {bold?: boolean; font?: string; size?: number} = {}): TextRun[] {
  const small = options.size != null && options.size < TYPE_SIZE["3号"];
  return text
    .split(PLACEHOLDER)
    .filter((part) => part !== "")
    .map((part) => new TextRun({text: part, ...(options.bold ? {bold: true} : {}), ...(options.font ? {font: font(options.font)} : {}), ...(options.size ? {size: options.size} : {}), ...(small ? {characterSpacing: 0} : {}), ...(PLACEHOLDER.test(part) ? {highlight: HighlightColor.YELLOW} : {})}));
}

/** Exact line spacing for text smaller than the body's: 1.25 lines of its size. */
const smallSpacing = (size: number) => ({line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.EXACT});

function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? {right: TYPE_SIZE["4号"] * 10} : {left: TYPE_SIZE["4号"] * 10},
        spacing: {line: TYPE_SIZE["4号"] * 10, lineRule: LineRuleType.EXACT},
        children: [new TextRun({children: ["— ", PageNumber.CURRENT, " —"], font: font(GBT9704.fonts.pageNumber), size: TYPE_SIZE["4号"]})]
      })
    ]
  });
}

const CELL_BORDER = {style: BorderStyle.SINGLE, size: 4, color: "000000"};
const ALIGN = {left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT} as const;

function table(block: Extract<Block, {kind: "table"}>): (Paragraph | Table)[] {
  const size = TYPE_SIZE[block.size ?? "小4号"];
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / total));
  const cell = (text: string, i: number, {header = false, marked = false} = {}) =>
    new TableCell({
      width: {size: widths[i], type: WidthType.DXA},
      verticalAlign: VerticalAlign.CENTER,
      margins: {left: 60, right: 60, top: 30, bottom: 30},
      ...(marked ? {shading: {type: ShadingType.CLEAR, color: "auto", fill: "D9D9D9"}} : {}),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[block.columns[i].align ?? "center"],
          indent: {firstLine: 0},
          spacing: smallSpacing(size),
          children: runs(text, {size, bold: marked, ...(header ? {font: GBT9704.fonts.heading1} : {})})
        })
      ]
    });
  const out: (Paragraph | Table)[] = [];
  if (block.title) {
    out.push(new Paragraph({alignment: AlignmentType.CENTER, indent: {firstLine: 0}, keepNext: true, children: runs(block.title, {font: GBT9704.fonts.heading1, size: TYPE_SIZE["4号"]})}));
  }
  out.push(
    new Table({
      width: {size: TEXT_WIDTH, type: WidthType.DXA},
      columnWidths: widths,
      borders: {top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER},
      rows: [
        new TableRow({tableHeader: true, cantSplit: true, children: block.columns.map((c, i) => cell(c.label, i, {header: true}))}),
        ...block.rows.map((row) => new TableRow({cantSplit: true, children: row.cells.map((text, i) => cell(text, i, {marked: row.marked}))}))
      ]
    })
  );
  for (const note of block.notes ?? []) {
    out.push(new Paragraph({alignment: AlignmentType.BOTH, indent: {firstLine: 0}, spacing: smallSpacing(TYPE_SIZE["小4号"]), children: runs(note, {size: TYPE_SIZE["小4号"]})}));
  }
  return out;
}

function block(b: Block, keepNext = false): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading1":
      return [new Paragraph({heading: HeadingLevel.HEADING_1, children: runs(b.text)})];
    case "heading2":
      return [new Paragraph({heading: HeadingLevel.HEADING_2, children: runs(b.text)})];
    case "paragraph":
      return [new Paragraph({...(b.flush ? {indent: {firstLine: 0}} : {}), keepNext, children: runs(b.text)})];
    case "table":
      return table(b);
  }
}

/** Characters of `text` as set on the grid (a CJK character or a full-width sign is one, other characters half). */
function gridWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u0000-\u00ff]/.test(ch) ? 0.5 : 1;
  return n;
}

function signature({issuer, date}: OfficialDocument["signature"]): Paragraph[] {
  // 成文日期 右空四字; the issuer is centred over the date (GB/T 9704-2012 §7.3.5.1).
  const dateIndent = 4 * CHAR;
  const issuerIndent = Math.max(0, dateIndent + ((gridWidth(date) - gridWidth(issuer)) / 2) * CHAR);
  return [
    new Paragraph({keepNext: true, children: []}),
    new Paragraph({alignment: AlignmentType.RIGHT, indent: {firstLine: 0, right: issuerIndent}, keepNext: true, children: runs(issuer)}),
    new Paragraph({alignment: AlignmentType.RIGHT, indent: {firstLine: 0, right: dateIndent}, children: runs(date)})
  ];
}

const BODY = {
  run: {font: font(GBT9704.fonts.body), size: TYPE_SIZE["3号"], characterSpacing: GRID.characterSpacing, language: {value: "en-US", eastAsia: "zh-CN"}},
  paragraph: {alignment: AlignmentType.BOTH, indent: {firstLine: 2 * CHAR}, spacing: {before: 0, after: 0, line: GRID.linePitch, lineRule: LineRuleType.EXACT}}
};

const HEADING = (name: string) => ({
  run: {font: font(name), size: TYPE_SIZE["3号"], bold: false, italics: false, color: "000000"},
  paragraph: {indent: {firstLine: 2 * CHAR}, spacing: BODY.paragraph.spacing, keepNext: true}
});

/** The Word document (docx's `Document`) of some content, in the GB/T 9704 format. */
export function officialDocx(content: OfficialDocument): Document {
  return new Document({
    creator: content.signature.issuer,
    title: content.title.join(""),
    description: content.description,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: BODY,
        title: {
          run: {font: font(GBT9704.fonts.title), size: TYPE_SIZE["2号"], bold: false, color: "000000"},
          paragraph: {alignment: AlignmentType.CENTER, indent: {firstLine: 0}, spacing: BODY.paragraph.spacing}
        },
        heading1: HEADING(GBT9704.fonts.heading1),
        heading2: HEADING(GBT9704.fonts.heading2)
      },
      // LibreOffice sizes the grid's character cell from the Normal style, not from the document defaults.
      paragraphStyles: [{id: "Normal", name: "Normal", quickFormat: true, ...BODY}]
    },
    sections: [
      {
        properties: {
          page: {size: PAGE, margin: {...MARGIN, header: twip(15), footer: twip(22), gutter: 0}}
        },
        footers: {default: pageNumberFooter("odd"), even: pageNumberFooter("even")},
        children: [
          ...content.title.map((line) => new Paragraph({heading: HeadingLevel.TITLE, children: runs(line)})),
          new Paragraph({children: []}),
          // the signature never stands alone on a page (GB/T 9704-2012 §7.3.5)
          ...content.blocks.flatMap((b, i) => block(b, i === content.blocks.length - 1)),
          ...signature(content.signature)
        ]
      }
    ]
  });
}

/** The .docx file's bytes. */
export async function officialDocxBytes(content: OfficialDocument): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(officialDocx(content)));
}
