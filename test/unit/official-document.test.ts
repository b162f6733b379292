import {describe, expect, test} from "vitest";
import {GBT9704, GRID, officialDocxBytes, TYPE_SIZE, type OfficialDocument} from "../../src/components/official-document.ts";
import {docxParts, docxText, elements, style, wAttr} from "../docx-reading.ts";

const content: OfficialDocument = {
  title: ["魏都区城市管理局", "关于2024年法治政府建设情况的报告"],
  blocks: [
    {kind: "paragraph", text: "各街道办事处：", flush: true},
    {kind: "heading1", text: "一、推进法治政府建设的主要举措和成效"},
    {kind: "heading2", text: "（一）完善执法制度，规范执法行为"},
    {kind: "paragraph", text: "【待填写：执法制度建设的举措】"},
    {kind: "paragraph", text: "2024年以来，共下达各类《城市管理行政意见指导书》112份。"},
    {kind: "table", title: "表1　示例", columns: [{label: "单位", width: 2, align: "left"}, {label: "按期结案率", width: 1, align: "right"}], rows: [{cells: ["文峰街道", "93.0%"]}, {cells: ["▲高桥营街道", "85.5%"], marked: true}], notes: ["注：▲ 表示低于90%。"], size: "5号"}
  ],
  signature: {issuer: "魏都区城市管理局", date: "2025年　月　日"},
  fileName: "示例.docx",
  description: "单元测试"
};

const twipsOfMm = (mm: number) => (mm / 25.4) * 1440;
const parts = docxParts(await officialDocxBytes(content));
const documentXml = parts["word/document.xml"];
const fontOf = (element: ReturnType<typeof style>) => wAttr(elements(element as never, "rFonts")[0], "eastAsia");
const sizeOf = (element: ReturnType<typeof style>) => Number(wAttr(elements(element as never, "sz")[0], "val"));

describe("GB/T 9704-2012 page", () => {
  const section = elements(documentXml, "sectPr")[0];
  const size = elements(section, "pgSz")[0];
  const margin = elements(section, "pgMar")[0];

  test("A4 (210 × 297 mm)", () => {
    expect(Number(wAttr(size, "w"))).toBeCloseTo(twipsOfMm(210), -1);
    expect(Number(wAttr(size, "h"))).toBeCloseTo(twipsOfMm(297), -1);
    expect(wAttr(size, "orient") ?? "portrait").toBe("portrait");
  });

  test("margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (within 0.05 mm)", () => {
    const mm = (name: string) => (Number(wAttr(margin, name)) / 1440) * 25.4;
    expect(Math.abs(mm("top") - 37)).toBeLessThan(0.05);
    expect(Math.abs(mm("bottom") - 35)).toBeLessThan(0.05);
    expect(Math.abs(mm("left") - 28)).toBeLessThan(0.05);
    expect(Math.abs(mm("right") - 26)).toBeLessThan(0.05);
  });

  test("22 lines a page and 28 characters a line of body text", () => {
    const normal = style(parts, "Normal");
    const spacing = elements(normal as never, "spacing")[0];
    expect(wAttr(spacing, "lineRule")).toBe("exact");
    const pitch = Number(wAttr(spacing, "line"));
    const textHeight = Number(wAttr(size, "h")) - Number(wAttr(margin, "top")) - Number(wAttr(margin, "bottom"));
    expect(Math.floor(textHeight / pitch)).toBe(22);
    // a character is 3号 (16 pt = 320 twips) wide plus the style's character spacing
    const characterSpacing = Number(wAttr(elements(normal as never, "spacing").find((e) => e.parentNode?.nodeName === "w:rPr"), "val"));
    const textWidth = Number(wAttr(size, "w")) - Number(wAttr(margin, "left")) - Number(wAttr(margin, "right"));
    expect(sizeOf(normal)).toBe(32);
    expect(Math.floor(textWidth / (320 + characterSpacing))).toBe(28);
    expect(GRID).toEqual({linePitch: pitch, characterSpacing});
  });
});

describe("GB/T 9704-2012 type", () => {
  test("title in 方正小标宋简体 2号 (22 pt), centred", () => {
    const title = style(parts, "Title");
    expect(fontOf(title)).toBe("方正小标宋简体");
    expect(sizeOf(title)).toBe(44);
    expect(wAttr(elements(title as never, "jc")[0], "val")).toBe("center");
    const titles = elements(documentXml, "p").filter((p) => wAttr(elements(p, "pStyle")[0], "val") === "Title");
    expect(titles.map((p) => p.textContent)).toEqual(content.title);
  });

  test("body in 仿宋_GB2312 3号 (16 pt), indented two characters", () => {
    const normal = style(parts, "Normal");
    const fonts = elements(normal as never, "rFonts")[0];
    for (const script of ["ascii", "hAnsi", "eastAsia"]) expect(wAttr(fonts, script)).toBe("仿宋_GB2312");
    expect(Number(wAttr(elements(normal as never, "ind")[0], "firstLine"))).toBe(2 * 320);
  });

  test("一、 headings in 黑体 and （一） headings in 楷体_GB2312, both 3号", () => {
    for (const [id, font, text] of [["Heading1", "黑体", "一、推进法治政府建设的主要举措和成效"], ["Heading2", "楷体_GB2312", "（一）完善执法制度，规范执法行为"]]) {
      expect(fontOf(style(parts, id)), id).toBe(font);
      expect(sizeOf(style(parts, id)), id).toBe(32);
      const paragraph = elements(documentXml, "p").find((p) => wAttr(elements(p, "pStyle")[0], "val") === id);
      expect(paragraph?.textContent).toBe(text);
    }
  });

  test("page numbers `— 1 —` in 4号 宋体: odd pages on the right, even pages on the left", () => {
    const settings = parts["word/settings.xml"];
    expect(elements(settings, "evenAndOddHeaders")).toHaveLength(1);
    const section = elements(documentXml, "sectPr")[0];
    const footers = Object.fromEntries(elements(section, "footerReference").map((f) => [wAttr(f, "type"), f.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")]));
    const rels = parts["word/_rels/document.xml.rels"];
    const target = (id: string | null) => Array.from(rels.getElementsByTagName("Relationship")).find((r: Element) => r.getAttribute("Id") === id)?.getAttribute("Target");
    for (const [type, side] of [["default", "right"], ["even", "left"]] as const) {
      const footer = parts[`word/${target(footers[type])}`];
      const paragraph = elements(footer, "p")[0];
      expect(wAttr(elements(paragraph, "jc")[0], "val"), type).toBe(side);
      expect(elements(paragraph, "instrText").map((i) => i.textContent?.trim())).toEqual(["PAGE"]);
      expect(elements(paragraph, "t").map((t) => t.textContent)).toEqual(["— ", " —"]);
      expect(wAttr(elements(paragraph, "rFonts")[0], "eastAsia")).toBe("宋体");
      expect(Number(wAttr(elements(paragraph, "sz")[0], "val"))).toBe(TYPE_SIZE["4号"]);
    }
  });

  test("the fonts are the ones GB/T 9704 names", () => {
    expect(GBT9704.fonts).toEqual({title: "方正小标宋简体", body: "仿宋_GB2312", heading1: "黑体", heading2: "楷体_GB2312", pageNumber: "宋体"});
  });
});

describe("content", () => {
  test("reads back as written, in order, with the signature after the body", async () => {
    const text = (await docxText(await officialDocxBytes(content))).split("\n");
    expect(text.slice(0, 7)).toEqual([...content.title, "各街道办事处：", "一、推进法治政府建设的主要举措和成效", "（一）完善执法制度，规范执法行为", "【待填写：执法制度建设的举措】", "2024年以来，共下达各类《城市管理行政意见指导书》112份。"]);
    expect(text.slice(-2)).toEqual(["魏都区城市管理局", "2025年　月　日"]);
    expect(text).toContain("▲高桥营街道");
    expect(text).toContain("注：▲ 表示低于90%。");
  });

  test("a 【待填写】 placeholder is highlighted, and only it", () => {
    const highlighted = elements(documentXml, "r").filter((r) => elements(r, "highlight").length > 0);
    expect(highlighted.map((r) => r.textContent)).toEqual(["【待填写：执法制度建设的举措】"]);
  });

  test("a marked table row is bold on a grey ground", () => {
    const rows = elements(documentXml, "tr");
    const marked = rows.find((r) => r.textContent?.includes("高桥营"))!;
    const plain = rows.find((r) => r.textContent?.includes("文峰"))!;
    expect(elements(marked, "shd").map((s) => wAttr(s, "fill"))).toEqual(["D9D9D9", "D9D9D9"]);
    expect(elements(marked, "b").length).toBeGreaterThan(0);
    expect(elements(plain, "shd")).toHaveLength(0);
  });
});
