import {describe, expect, it} from "vitest";
import {readTable, ReadError} from "../../loaders/read.ts";
import {checkZipSizes, WORKBOOK_LIMITS, zipEntries} from "../../loaders/zip.ts";
import XLSX from "../../loaders/xlsx.ts";
import {cell, DOCUMENTS_HEADER, documentRows, rowsXml, xlsx, xlsxMembers, zip, type ZipMember} from "../integration/hostile-files.ts";

const read = (buf: Buffer) => readTable(buf, "x.xlsx");
const DATA = [DOCUMENTS_HEADER, ...documentRows([801, 802, 803, 804, 805, 806])];

/** The members of a small good workbook with its sheet part changed by `change`. */
function withSheet(change: (m: ZipMember) => ZipMember): Buffer {
  return zip(xlsxMembers([{name: "S", xml: rowsXml(DATA)}]).map((m) => (m.name === "xl/worksheets/sheet1.xml" ? change(m) : m)));
}

function readError(buf: Buffer): string {
  try {
    read(buf);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return (error as Error).message;
  }
  throw new Error("read without an error");
}

describe("workbook geometry: the cells that exist, not the declared range", () => {
  it("reads rows beyond a <dimension> that is too small, or names one cell", () => {
    for (const dimension of ["A1:H3", "A1"]) {
      const rows = read(xlsx([{name: "S", xml: rowsXml(DATA), dimension}])).sheets[0].rows;
      expect(rows).toEqual(DATA);
    }
  });

  it("reads a small sheet declaring the whole grid, and one with a stray cell at XFD1048576", () => {
    const full = read(xlsx([{name: "S", xml: rowsXml(DATA), dimension: "A1:XFD1048576"}])).sheets[0];
    expect(full.rows).toEqual(DATA);
    const stray = read(xlsx([{name: "S", xml: rowsXml(DATA) + `<row r="1048576">${cell("XFD1048576", "备注")}</row>`}])).sheets[0];
    expect(stray.rows).toHaveLength(1048576);
    expect(stray.rows.slice(0, 7)).toEqual(DATA);
    expect(stray.rows[1048575][16383]).toBe("备注");
    expect(stray.rows[500000]).toEqual([]);
  });

  it("starts at the first row holding a value", () => {
    const sheet = read(xlsx([{name: "S", xml: rowsXml(DATA, 4), dimension: "A1:E9"}])).sheets[0];
    expect(sheet.firstRow).toBe(4);
    expect(sheet.rows[0]).toEqual(DOCUMENTS_HEADER);
  });

  it("fills a merged range's empty cells in rows that hold values, however far the range reaches", () => {
    const rows = read(
      xlsx([
        {
          name: "S",
          xml: rowsXml([...DATA, ["备注：第三行起同一街道", null, null, null, null]]),
          after: `<mergeCells count="2"><mergeCell ref="A8:XFD1048576"/><mergeCell ref="E2:E4"/></mergeCells>`
        }
      ])
    ).sheets[0].rows;
    expect(rows).toHaveLength(8);
    expect(rows[7]).toEqual(Array(5).fill("备注：第三行起同一街道"));
    expect(rows.slice(0, 7)).toEqual(DATA);
  });

  it("rejects a sheet whose few cells would spread over millions", () => {
    const xml = rowsXml([DOCUMENTS_HEADER]) + Array.from({length: 3000}, (_, i) => `<row r="${i + 2}">${cell(`XFD${i + 2}`, "x")}</row>`).join("");
    expect(readError(xlsx([{name: "S", xml}]))).toMatch(/^工作表“S”只有 3005 个有值的单元格，却分布在 49,152,005 个单元格的宽度上/);
  });

  it("reads a shared-strings part that declares four billion strings", () => {
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4294967295" uniqueCount="4294967295"><si><t>文书编号</t></si></sst>`;
    const members = xlsxMembers([{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}], [{name: "xl/sharedStrings.xml", data: sst}]);
    const types = members.find((m) => m.name === "[Content_Types].xml")!;
    types.data = (types.data as string).replace(
      "</Types>",
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
    );
    const rels = members.find((m) => m.name === "xl/_rels/workbook.xml.rels")!;
    rels.data = (rels.data as string).replace(
      "</Relationships>",
      `<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
    );
    expect(read(zip(members)).sheets[0].rows).toEqual([["文书编号"]]);
  });
});

describe("workbook sheets: hidden ones are left out and named", () => {
  it("reads visible sheets only", () => {
    const result = read(
      xlsx([
        {name: "3月", xml: rowsXml(DATA.slice(0, 2))},
        {name: "备份", xml: rowsXml(DATA), state: "hidden"},
        {name: "代码表", xml: rowsXml([["x"]]), state: "veryHidden"}
      ])
    );
    expect(result.sheets.map((s) => s.name)).toEqual(["3月"]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^工作表“备份”是隐藏的工作表，未导入/),
      expect.stringMatching(/^工作表“代码表”是深度隐藏（very hidden）的工作表，未导入/)
    ]);
  });

  it("fails a workbook with no visible sheet", () => {
    expect(readError(xlsx([{name: "备份", xml: rowsXml(DATA), state: "hidden"}]))).toMatch(/^工作簿中没有可导入的工作表（工作表“备份”是隐藏的工作表）/);
  });

  it("says in Chinese first what a damaged workbook is and what to do, the reader's own words after", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(DATA), "S");
    const xls = XLSX.write(wb, {type: "buffer", bookType: "biff8"}) as Buffer;
    // cut short, or overwritten after its first sector (an audit's inputs, 2026-12-03): SheetJS fails in English
    for (const damaged of [xls.subarray(0, 3000), Buffer.concat([xls.subarray(0, 512), Buffer.alloc(4096, 0xab)])]) {
      expect(readError(damaged)).toMatch(/^文件已损坏或不完整，无法作为电子表格读取；请在 Excel 或 WPS 中打开检查，另存后重新导出（读取程序的说明：.+）$/);
    }
  });

  it("tells an encrypted workbook from a compound file that is only zeros, which SheetJS takes for one", () => {
    const CFB = (XLSX as unknown as {CFB: {utils: {cfb_new(): unknown; cfb_add(c: unknown, path: string, data: Buffer): void}; write(c: unknown, o: {type: "buffer"}): Uint8Array}}).CFB;
    const encrypted = CFB.utils.cfb_new();
    CFB.utils.cfb_add(encrypted, "/EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0, ...Array(200).fill(1)]));
    CFB.utils.cfb_add(encrypted, "/EncryptedPackage", Buffer.alloc(4096, 7));
    expect(readError(Buffer.from(CFB.write(encrypted, {type: "buffer"})))).toBe("文件已加密（有密码），无法读取");
    // the signature of a compound file, then zeros (an audit's input, 2026-12-03): it was called encrypted
    const zeros = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(8192)]);
    expect(readError(zeros)).toMatch(/^文件已损坏（内容全为空白），不是加密文件/);
  });

  it("reads hidden state from .xls too", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(DATA), "现行");
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(DATA), "旧表");
    wb.Workbook = {Sheets: [{Hidden: 0}, {Hidden: 1}]};
    const result = readTable(XLSX.write(wb, {type: "buffer", bookType: "biff8"}), "x.xls");
    expect(result.sheets.map((s) => s.name)).toEqual(["现行"]);
    expect(result.warnings[0]).toMatch(/“旧表”是隐藏的工作表/);
  });
});

describe("ZIP sizes: checked before the spreadsheet library inflates anything", () => {
  it("lists the entries of a workbook that SheetJS writes, and passes it", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(DATA), "S");
    const buf = XLSX.write(wb, {type: "buffer", bookType: "xlsx", compression: true}) as Buffer;
    const entries = zipEntries(buf);
    expect(entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    expect(() => checkZipSizes(buf, entries)).not.toThrow();
  });

  it("fails an entry declaring 4 GB at once, naming it and the sizes", () => {
    const message = readError(withSheet((m) => ({...m, statedSize: 0xfffffff0})));
    expect(message).toMatch(/^不是正常的电子表格：ZIP 条目 xl\/worksheets\/sheet1\.xml 声明解压后有 4\.0 GB，而其压缩数据只有 \d+ 字节/);
    expect(message).toMatch(/压缩炸弹/);
  });

  it("fails an entry that inflates beyond what it declares, stopping at the declared size", () => {
    const huge = (m: ZipMember) => ({...m, data: (m.data as string).replace("</sheetData>", `<row r="9">${"<c/>".repeat(3_000_000)}</row></sheetData>`)});
    expect(readError(withSheet((m) => ({...huge(m), statedSize: 1000})))).toMatch(/条目 xl\/worksheets\/sheet1\.xml 解压后超过其声明的 1000 字节/);
    expect(readError(withSheet(huge))).toMatch(/解压后共需 11 MB（至 xl\/worksheets\/sheet1\.xml），是文件大小 13 KB 的 \d+ 倍，超出电子表格的正常比例（至多 100 倍，或 8\.0 MB）/);
  });

  it("fails an entry whose headers state different sizes", () => {
    expect(readError(withSheet((m) => ({...m, localSize: 5})))).toMatch(/几处记录声明的大小互相矛盾/);
  });

  it("fails a stored entry whose size differs from its bytes, and an archive cut short", () => {
    expect(readError(withSheet((m) => ({...m, method: 0, statedSize: 999_999})))).toMatch(/声明解压后有 977 KB/);
    const good = withSheet((m) => m);
    expect(readError(good.subarray(0, good.length - 30))).toMatch(/ZIP 文件不完整或已损坏/);
  });

  it("allows a workbook a hundred times its size, and no more", () => {
    const buf = withSheet((m) => m);
    const entries = zipEntries(buf);
    const total = entries.reduce((a, e) => a + e.size, 0);
    expect(() => checkZipSizes(buf, entries, {...WORKBOOK_LIMITS, floor: 0, ratio: Math.ceil(total / buf.length)})).not.toThrow();
    expect(() => checkZipSizes(buf, entries, {...WORKBOOK_LIMITS, floor: 0, ratio: Math.floor(total / buf.length) - 1})).toThrow(/超出电子表格的正常比例/);
  });
});
