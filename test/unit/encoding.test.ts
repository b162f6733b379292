import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {decodeText} from "../../loaders/encoding.ts";
import {processFile, UNDECODABLE, type AcceptedRow, type RejectedRow} from "../../loaders/process.ts";
import {SOURCES} from "../../loaders/schema/index.ts";
import XLSX from "../../loaders/xlsx.ts";

const HEADER = "日期,主题,类型,参训人数\r\n";
const ROWS = ["2024-03-05,执法文书规范填写,执法业务,38\r\n", "2024-03-19,法制审核要点,法制审核,22\r\n", "2024-03-26,行政处罚法解读,法律法规,40\r\n"];
const TEXT = HEADER + ROWS.join("");
const utf8 = (s: string) => Buffer.from(s, "utf8");
const gbk = (s: string) => iconv.encode(s, "gb18030");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("decodeText: one encoding throughout", () => {
  it("is certain of UTF-8 with and without BOM, by structure", () => {
    for (const [buf, encoding] of [
      [utf8(TEXT), "utf-8"],
      [Buffer.concat([BOM, utf8(TEXT)]), "utf-8-bom"]
    ] as const) {
      const d = decodeText(buf);
      expect(d).toMatchObject({text: TEXT, encoding, confidence: "certain", warnings: [], replacement: false});
      expect(d.evidence).toMatch(/全文是合法的 UTF-8（约 \d+ 个多字节字符）/);
    }
  });

  it("is only fairly sure of unmarked UTF-8 with very few multi-byte characters", () => {
    const d = decodeText(utf8("编号,name\nA1,x\n"));
    expect(d).toMatchObject({encoding: "utf-8", confidence: "likely"});
    expect(d.evidence).toMatch(/也可能是恰好合法的 GBK/);
  });

  it("says that ASCII text reads the same in every encoding", () => {
    expect(decodeText(utf8("a,b\n1,2\n"))).toMatchObject({encoding: "utf-8", confidence: "certain", evidence: "全文只有 ASCII 字符（各编码相同）"});
  });

  it("reads GB18030 and measures how common its characters are", () => {
    const d = decodeText(gbk(TEXT));
    expect(d).toMatchObject({text: TEXT, encoding: "gb18030", confidence: "likely", warnings: [], replacement: false});
    expect(d.evidence).toMatch(/不是合法的 UTF-8，按 GB18030（GBK 的超集）解码无错误；\d+ 个非 ASCII 字符的 100\.0% 属于 GB2312 常用字符集/);
  });

  it("doubts GB18030 when the characters are not those of Chinese text (Big5 read as GBK)", () => {
    const big5 = iconv.encode("魏都區城市管理局執法文書登記臺賬，當事人經營場所門前違法佔道經營，責令改正。".repeat(3), "big5");
    const d = decodeText(big5);
    expect(d.confidence).toBe("doubtful");
    expect(d.warnings.join()).toMatch(/常用汉字比例只有 .*可能是其他编码（如繁体 Big5）/);
  });

  it("counts a rare character from a four-byte GB18030 sequence for GB18030, not against it", () => {
    // an audit's input (2026-12-03): one row with 𠮷 (beyond the BMP) among ordinary rows was called maybe Big5
    const text = "日期,主题,类型,参训人数,学时,组织单位,地点\n2024/8/1,𠮷与䶮讲座,执法业务,20,2,𠮷野家,三楼\n" + [1, 2, 3].map((n) => `2024/8/${n},第${n}期执法业务培训,执法业务,2${n},2,法规科,三楼会议室\n`).join("");
    const d = decodeText(gbk(text));
    expect(d).toMatchObject({text, encoding: "gb18030", confidence: "likely", warnings: []});
  });

  it("is certain of UTF-16 with its BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]);
    expect(decodeText(le)).toMatchObject({text: TEXT, encoding: "utf-16le", confidence: "certain"});
  });
});

describe("decodeText: lines in two encodings, or undecodable bytes", () => {
  it("reads a GBK body behind a UTF-8 BOM and header line by line, naming the lines", () => {
    const d = decodeText(Buffer.concat([BOM, utf8(HEADER), gbk(ROWS[0] + ROWS[1])]));
    expect(d.text).toBe(HEADER + ROWS[0] + ROWS[1]);
    expect(d).toMatchObject({encoding: "utf-8-bom+gb18030", confidence: "doubtful", replacement: false});
    expect(d.warnings).toEqual([expect.stringMatching(/^文件以 UTF-8 BOM 开头（声明为 UTF-8），但文本第 2–3 行（共 2 行）是 GB18030（GBK）编码/)]);
  });

  it("reads a UTF-8 line appended to a GBK file", () => {
    const d = decodeText(Buffer.concat([gbk(HEADER + ROWS[0] + ROWS[1]), utf8(ROWS[2])]));
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe("gb18030+utf-8");
    expect(d.warnings[0]).toMatch(/文本第 4 行是 UTF-8 编码/);
  });

  it("keeps a UTF-8 file's header and other rows when one byte is damaged, and names the line", () => {
    const bytes = utf8(TEXT);
    const at = bytes.indexOf(utf8("法制审核要点"));
    bytes[at + 1] = 0xff;
    const d = decodeText(bytes);
    expect(d.encoding).toBe("utf-8");
    expect(d.replacement).toBe(true);
    const lines = d.text.split("\r\n");
    expect(lines[0] + "\r\n").toBe(HEADER);
    expect(lines[1] + "\r\n").toBe(ROWS[0]);
    expect(lines[2]).toContain("\ufffd");
    expect(lines[3] + "\r\n").toBe(ROWS[2]);
    expect(d.warnings).toEqual([expect.stringMatching(/^文本第 3 行含任何编码都无法解码的字节/)]);
    expect(d.warnings.join()).not.toContain("\ufffd");
  });

  it("keeps a GBK file's other rows when one byte is undecodable", () => {
    const bytes = Buffer.concat([gbk(HEADER + ROWS[0]), Buffer.from([0xff]), gbk(ROWS[1] + ROWS[2])]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe("gb18030");
    expect(d.replacement).toBe(true);
    expect(d.text.split("\r\n")[0] + "\r\n").toBe(HEADER);
    expect(d.warnings).toEqual([expect.stringMatching(/^文本第 3 行含任何编码都无法解码的字节/)]);
  });
});

describe("processFile: rows holding undecodable bytes", () => {
  function run(buf: Buffer, name: string) {
    const accepted: AcceptedRow[] = [];
    const rejected: RejectedRow[] = [];
    const outcome = processFile(buf, name, SOURCES.training, {salt: "s", book: defaultCodeBook(), accept: (r) => accepted.push(r), reject: (r) => rejected.push(r)});
    return {outcome, accepted, rejected};
  }

  it("rejects only the damaged row, naming its columns, with no replacement character in the reason", () => {
    const bytes = utf8(TEXT);
    bytes[bytes.indexOf(utf8("法制审核要点")) + 1] = 0xff;
    const {outcome, accepted, rejected} = run(bytes, "2024-03.csv");
    expect(outcome).toMatchObject({rowsRead: 3, accepted: 2, rejected: 1, encoding: "utf-8", encodingConfidence: "doubtful"});
    expect(outcome.warnings.join()).toMatch(/文本第 3 行含任何编码都无法解码的字节/);
    expect(accepted.map((r) => r.values.topic)).toEqual(["执法文书规范填写", "行政处罚法解读"]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({rowNumber: 3, issues: [{code: UNDECODABLE}]});
    expect(rejected[0].issues[0].message).toMatch(/^列“主题”含无法解码的字节/);
    expect(rejected[0].issues.map((i) => i.message).join()).not.toContain("\ufffd");
  });

  it("reads a header cell that holds undecodable bytes as the column it still names, and says so", () => {
    // GBK, with the bytes 80 FF after the header 地点 (an audit's input, 2026-12-03): € and U+FFFD once decoded
    const gbk = (s: string) => iconv.encode(s, "gb18030");
    const bytes = Buffer.concat([gbk("日期,主题,类型,参训人数,地点"), Buffer.from([0x80, 0xff]), gbk("\r\n2024-03-05,执法文书规范填写,执法业务,38,二楼会议室\r\n2024-03-19,法制审核要点,法制审核,22,三楼\r\n")]);
    const {outcome, accepted, rejected} = run(bytes, "2024-03.csv");
    expect(outcome).toMatchObject({rowsRead: 2, accepted: 2, rejected: 0, unmappedColumns: []});
    expect(accepted.map((r) => r.values.location)).toEqual(["二楼会议室", "三楼"]);
    expect(rejected).toEqual([]);
    expect(outcome.warnings.join("\n")).toMatch(/表头（第 1 行）“地点€\ufffd”含无法解码的字节，去掉这些字节后按“地点”列读取/);
    expect(outcome.warnings.join("\n")).toMatch(/含这种字节的数据行不导入/);
  });

  it("rejects a workbook row whose cell holds U+FFFD from an earlier broken conversion", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["日期", "主题", "类型", "参训人数"], ["2024-03-05", "执法\ufffd\ufffd规范", "执法业务", 38], ["2024-03-06", "法制审核", "法制审核", 20]]), "S");
    const {accepted, rejected} = run(XLSX.write(wb, {type: "buffer", bookType: "xlsx"}), "a.xlsx");
    expect(accepted).toHaveLength(1);
    expect(rejected.map((r) => [r.rowNumber, r.issues[0].code])).toEqual([[2, UNDECODABLE]]);
  });
});
