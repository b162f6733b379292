import iconv from "iconv-lite";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import XLSX from "../../loaders/xlsx.ts";
import {afterAll, describe, expect, it} from "vitest";
import Papa from "papaparse";
import {decodeText, lineBreak, parseDelimited, ReadError, readTable, streamDelimited} from "../../loaders/read.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-test-"));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

function writeWorkbook(name: string, aoa: unknown[][], bookType: XLSX.BookType, merges?: XLSX.Range[]): string {
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  if (merges) ws["!merges"] = merges;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Sheet1");
  const file = path.join(dir, name);
  fs.writeFileSync(file, XLSX.write(wb, {type: "buffer", bookType}));
  return file;
}

const read = (file: string) => readTable(fs.readFileSync(file), path.basename(file));

describe("read: encodings", () => {
  const csv = "案卷编号,街道,问题描述\nWD001,西大街道,店外经营\nWD002,东大街道,乱堆物堆料\n";

  it("reads a GB18030 CSV", () => {
    const file = path.join(dir, "gbk.csv");
    fs.writeFileSync(file, iconv.encode(csv, "gb18030"));
    const result = read(file);
    expect(result.format).toBe("csv");
    expect(result.encoding).toBe("gb18030");
    expect(result.sheets[0].rows).toEqual([
      ["案卷编号", "街道", "问题描述"],
      ["WD001", "西大街道", "店外经营"],
      ["WD002", "东大街道", "乱堆物堆料"]
    ]);
  });

  it("reads UTF-8 with and without BOM", () => {
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(bom.encoding).toBe("utf-8-bom");
    expect(bom.text).toBe(csv);
    const plain = decodeText(Buffer.from(csv));
    expect(plain.encoding).toBe("utf-8");
    expect(plain.text).toBe(csv);
  });

  it("keeps CSV cells as text (leading zeros, long digit strings)", () => {
    const file = path.join(dir, "ids.csv");
    fs.writeFileSync(file, "编号,身份证号\n007,410102199001011234\n");
    expect(read(file).sheets[0].rows[1]).toEqual(["007", "410102199001011234"]);
  });

  it("reads quoted fields with line breaks and counts rows as records", () => {
    const file = path.join(dir, "quoted.csv");
    fs.writeFileSync(file, '编号,描述\nA1,"第一行\n第二行"\nA2,"含,逗号"\n');
    expect(read(file).sheets[0].rows).toEqual([
      ["编号", "描述"],
      ["A1", "第一行\n第二行"],
      ["A2", "含,逗号"]
    ]);
  });

  it("guesses a tab delimiter", () => {
    const file = path.join(dir, "tabs.csv");
    fs.writeFileSync(file, "编号\t描述\nA1\t说明\n");
    expect(read(file).sheets[0].rows[1]).toEqual(["A1", "说明"]);
  });
});

describe("read: workbooks", () => {
  it("reads an .xls (BIFF8) workbook with Chinese text, numbers and dates as serials", () => {
    const file = writeWorkbook("old.xls", [["案号", "罚款金额", "立案日期"], ["魏城管罚〔2024〕1号", 500, 45356]], "biff8");
    const result = read(file);
    expect(result.format).toBe("xls");
    expect(result.sheets[0].rows).toEqual([
      ["案号", "罚款金额", "立案日期"],
      ["魏城管罚〔2024〕1号", 500, 45356]
    ]);
  });

  it("reads a title row and a 合计 row with their spreadsheet row numbers", () => {
    const file = writeWorkbook(
      "titled.xlsx",
      [["2024年3月案件统计表"], [], ["案卷编号", "返工次数"], ["WD001", 1], ["WD002", 0], ["合计", 1]],
      "xlsx"
    );
    const sheet = read(file).sheets[0];
    expect(sheet.firstRow).toBe(1);
    expect(sheet.rows[0][0]).toBe("2024年3月案件统计表");
    expect(sheet.rows[3]).toEqual(["WD001", 1]);
    expect(sheet.rows[5]).toEqual(["合计", 1]);
  });

  it("fills merged cells with their top-left value", () => {
    const file = writeWorkbook(
      "merged.xlsx",
      [
        ["标题", null, null],
        ["街道", "社区", "数量"],
        ["西大街道", "A社区", 1],
        [null, "B社区", 2]
      ],
      "xlsx",
      [
        {s: {r: 0, c: 0}, e: {r: 0, c: 2}},
        {s: {r: 2, c: 0}, e: {r: 3, c: 0}}
      ]
    );
    const rows = read(file).sheets[0].rows;
    expect(rows[0]).toEqual(["标题", "标题", "标题"]);
    expect(rows[3]).toEqual(["西大街道", "B社区", 2]);
  });

  it("reads CSV text saved under an .xls name", () => {
    const file = path.join(dir, "disguised.xls");
    fs.writeFileSync(file, iconv.encode("案卷编号,街道\nWD001,西大街道\n", "gb18030"));
    const result = read(file);
    expect(result.format).toBe("csv");
    expect(result.sheets[0].rows[1]).toEqual(["WD001", "西大街道"]);
  });

  it("reads an HTML table saved as .xls", () => {
    const file = path.join(dir, "html.xls");
    fs.writeFileSync(file, "<html><body><table><tr><td>案卷编号</td><td>街道</td></tr><tr><td>WD001</td><td>西大街道</td></tr></table></body></html>");
    const result = read(file);
    expect(result.format).toBe("html");
    expect(result.sheets[0].rows[1]).toEqual(["WD001", "西大街道"]);
  });
});

describe("read: files that are not spreadsheets", () => {
  it.each([
    ["report.xlsx", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n")],
    ["photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ["random.xls", Buffer.from(Array.from({length: 512}, (_, i) => (i * 7919) % 256))],
    ["empty.csv", Buffer.alloc(0)],
    ["notes.xlsx", Buffer.from("这不是表格，只是一段说明文字。\n第二行说明。\n")],
    ["archive.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4])]
  ])("rejects %s with a ReadError", (name, content) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    expect(() => read(file)).toThrow(ReadError);
  });
});

describe("read: streamed delimited text", () => {
  const streamed = (text: string, head: number) => {
    const sheet = streamDelimited(text, head);
    const rows = [...sheet.rows];
    sheet.rest?.((row) => rows.push(row as string[]));
    return rows;
  };
  const lines = Array.from({length: 12}, (_, i) => `R${i},"x${i}\n2",${i % 3 ? "" : "\"a,b\""}`);
  const texts = [
    lines.join("\n"),
    lines.join("\n") + "\n",
    lines.join("\r\n") + "\r\n",
    lines.slice(0, 5).join("\n") + "\n\n\n" + lines.slice(5).join("\n") + "\n",
    "a,b\n",
    "a,b"
  ];

  it.each(texts.map((t, i) => [i, t]))("gives the rows parseDelimited gives (text %i)", (_, text) => {
    for (const head of [1, 3, 5, 12, 13, 40]) expect(streamed(text as string, head)).toEqual(parseDelimited(text as string));
  });

  it("finds the line break Papa Parse would find by itself, from the first 64 KB", () => {
    const samples = [
      ...texts,
      "a,b\r1,2\r3,4\r",
      '"x\r\ny",b\n1,2\n',
      '"x\ny",b\r\n1,2\r\n',
      "a,b\r\n1,2\n3,4\n5,6\n",
      "a,b\r1,2\r\n3,4\r5,6\r",
      "no break at all",
      "题名,数量\r\n甲,1\r\n".repeat(5000)
    ];
    for (const text of samples) expect(lineBreak(text), JSON.stringify(text.slice(0, 40))).toBe(Papa.parse(text, {preview: 1}).meta.linebreak);
  });

  it("holds only the head rows and estimates the rest", () => {
    const sheet = streamDelimited(texts[1], 4);
    expect(sheet.rows).toHaveLength(4);
    expect(sheet.estimatedRows).toBeGreaterThan(8);
    expect(sheet.estimatedRows).toBeLessThan(16);
  });
});
