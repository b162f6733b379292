import iconv from "iconv-lite";
import {isUtf8} from "node:buffer";
import {formatLines, type Confidence} from "./table.ts";

/** Exported text decoded, with the encoding it was read in, how sure that is, and why. */
export interface Decoded {
  text: string;
  /** utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, or the main one and a second joined by "+" (utf-8-bom+gb18030). */
  encoding: string;
  confidence: Confidence;
  /** The evidence, in Chinese, for the ingest report. */
  evidence: string;
  /** Lines read in a second encoding, lines holding bytes that no encoding reads. */
  warnings: string[];
  /** Whether the text holds U+FFFD (an undecodable byte, or the character itself in the file). */
  replacement: boolean;
}

const REPLACEMENT = "\ufffd";
/** Characters of a GB18030 sample checked against GB2312's set (enough for a share to a tenth of a per cent). */
const SAMPLE_CHARS = 200_000;
/** Below this share of GB2312 characters, text decoded as GB18030 is probably in another encoding (Big5, Shift-JIS). */
const COMMON_SHARE = 0.95;
/** Valid UTF-8 with fewer multi-byte characters than this (and no BOM) could be GBK that happens to be valid UTF-8. */
const FEW_MULTIBYTE = 8;
/**
 * A line that GB18030 reads without error still is not GBK when fewer of its characters than this are common ones:
 * UTF-8 with a damaged byte read as GB18030 gives about half, Chinese text with a rare name far more.
 */
const LINE_COMMON_SHARE = 0.8;

let gb2312: Uint8Array | null = null;

/**
 * Which UTF-16 code units GB2312 encodes (rows A1–F7 × cells A1–FE: its 6,763 hanzi and its symbols), decoded once
 * from the codec itself. Chinese text uses these for more than 99.9 % of its characters; bytes of another encoding
 * read as GB18030 mostly land outside them.
 */
function gb2312Set(): Uint8Array {
  if (gb2312) return gb2312;
  const set = new Uint8Array(65536);
  const pairs = Buffer.alloc((0xf7 - 0xa1 + 1) * (0xfe - 0xa1 + 1) * 2);
  let n = 0;
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) (pairs[n++] = hi), (pairs[n++] = lo);
  const text = iconv.decode(pairs, "gb18030");
  for (let i = 0; i < text.length; i++) set[text.charCodeAt(i)] = 1;
  set[REPLACEMENT.charCodeAt(0)] = 0;
  gb2312 = set;
  return set;
}

/** Share of GB2312 characters among the non-ASCII characters of the first {@link SAMPLE_CHARS} of `text`, and their count. */
function commonShare(text: string): {share: number; count: number} {
  const set = gb2312Set();
  const end = Math.min(text.length, SAMPLE_CHARS);
  let count = 0;
  let common = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xdc00 && c <= 0xdfff)) continue;
    count++;
    // a character beyond the BMP (𠮷) comes only from a four-byte GB18030 sequence, whose second byte (0x30-0x39)
    // no two-byte encoding (Big5, Shift-JIS) has after a lead byte: evidence for GB18030, not against it
    common += c >= 0xd800 && c <= 0xdbff ? 1 : set[c];
  }
  return {share: count ? common / count : 1, count};
}

function percent(x: number): string {
  return `${(Math.floor(x * 1000) / 10).toFixed(1)}%`;
}

/** 1-based numbers of the lines of `text` that hold U+FFFD. */
function linesWithReplacement(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (let at = text.indexOf(REPLACEMENT); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) {
    for (let i = text.indexOf("\n", from); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) (line++, (from = i + 1));
    if (lines.at(-1) !== line) lines.push(line);
  }
  return lines;
}

function replacementWarning(lines: number[], what: string): string {
  return `文本${formatLines(lines)}含${what}；含这种字节的数据行不导入，列入拒收行（原因为 encoding:undecodable）`;
}

function gbEvidence(text: string, prefix: string): {confidence: Confidence; evidence: string; warning: string | null} {
  const {share, count} = commonShare(text);
  if (count === 0) return {confidence: "certain", evidence: `${prefix}，但这些行只有 ASCII 字符（各编码相同）`, warning: null};
  const sampled = text.length > SAMPLE_CHARS ? `前 ${SAMPLE_CHARS.toLocaleString("zh-CN")} 个字符中` : "";
  const measured = `${sampled}${count.toLocaleString("zh-CN")} 个非 ASCII 字符的 ${percent(share)} 属于 GB2312 常用字符集`;
  if (share >= COMMON_SHARE) return {confidence: "likely", evidence: `${prefix}；${measured}`, warning: null};
  return {
    confidence: "doubtful",
    evidence: `${prefix}；但${measured}，低于 ${percent(COMMON_SHARE)}`,
    warning: `按 GB18030（GBK）解码后常用汉字比例只有 ${percent(share)}，文件可能是其他编码（如繁体 Big5），内容可能是乱码；请另存为 UTF-8 后重新导入`
  };
}

type LineKind = "ascii" | "utf8" | "gb" | "bad";

/** Whether one line decoded as GB18030 reads as Chinese: no undecodable byte, and mostly common characters. */
function looksGb(line: string): boolean {
  if (line.includes(REPLACEMENT)) return false;
  const {share, count} = commonShare(line);
  return count < 4 || share >= LINE_COMMON_SHARE;
}

/**
 * The slow path, for text that is not one encoding throughout (a UTF-8 file with rows appended by a tool that writes
 * GBK, or a byte damaged in copying): each line is decoded on its own. A line is UTF-8 when it is valid UTF-8 (GBK
 * text of more than a character or two almost never is), else GB18030 when that reads it without error, else it is
 * decoded in the file's main encoding with U+FFFD for the bytes neither reads. A line feed byte never occurs inside
 * a UTF-8 or GB18030 character, so splitting at it is safe.
 */
function decodeByLine(body: Buffer, bom: boolean): Decoded {
  const kinds: LineKind[] = [];
  const parts: {start: number; end: number}[] = [];
  for (let start = 0; start < body.length; ) {
    let end = body.indexOf(0x0a, start);
    end = end < 0 ? body.length : end + 1;
    const line = body.subarray(start, end);
    let kind: LineKind = "ascii";
    for (let i = 0; i < line.length; i++) {
      if (line[i] >= 0x80) {
        kind = isUtf8(line) ? "utf8" : looksGb(iconv.decode(line, "gb18030")) ? "gb" : "bad";
        break;
      }
    }
    kinds.push(kind);
    parts.push({start, end});
    start = end;
  }
  const numbers = (k: LineKind) => kinds.flatMap((x, i) => (x === k ? [i + 1] : []));
  const utf8 = numbers("utf8");
  const gb = numbers("gb");
  const bad = numbers("bad");
  const main: "utf8" | "gb" = bom || utf8.length > gb.length ? "utf8" : "gb";
  const decode = (kind: LineKind, bytes: Buffer) =>
    kind === "gb" || (kind === "bad" && main === "gb") ? iconv.decode(bytes, "gb18030") : bytes.toString("utf8");
  const text = parts.map((p, i) => decode(kinds[i], body.subarray(p.start, p.end))).join("");

  const mainName = main === "utf8" ? (bom ? "utf-8-bom" : "utf-8") : "gb18030";
  const second = main === "utf8" ? gb : utf8;
  const secondName = main === "utf8" ? "gb18030" : "utf-8";
  const warnings: string[] = [];
  if (second.length) {
    const told = bom ? "文件以 UTF-8 BOM 开头（声明为 UTF-8）" : `文件主要是 ${main === "utf8" ? "UTF-8" : "GB18030（GBK）"} 编码`;
    warnings.push(
      `${told}，但文本${formatLines(second)}是 ${main === "utf8" ? "GB18030（GBK）" : "UTF-8 "}编码（可能是用另一程序追加的行），已逐行按其编码解码；请核对这些行`
    );
  }
  if (bad.length) warnings.push(replacementWarning(bad, "任何编码都无法解码的字节"));
  const gbText = gb.map((n) => decode("gb", body.subarray(parts[n - 1].start, parts[n - 1].end))).join("");
  const mixed = `${bom ? "UTF-8 BOM；" : ""}${utf8.length} 行是合法的 UTF-8，${gb.length} 行只能按 GB18030 解码，${bad.length} 行两者都不能完整解码`;
  const gbCheck = gb.length ? gbEvidence(gbText, mixed) : null;
  if (gbCheck?.warning) warnings.push(gbCheck.warning);
  return {
    text,
    encoding: second.length ? `${mainName}+${secondName}` : mainName,
    // lines in two encodings, or bytes that neither reads, are evidence against any one answer for the file
    confidence: "doubtful",
    evidence: gbCheck?.evidence ?? mixed,
    warnings,
    replacement: bad.length > 0 || text.includes(REPLACEMENT)
  };
}

/**
 * Decodes exported text and says how sure the encoding is. The systems these exports come from write UTF-8 (with or
 * without BOM), UTF-16 with BOM ("Unicode text") or GB18030/GBK ("ANSI" on Chinese Windows). Between these the
 * answer is a matter of structure, not statistics: a BOM names the encoding, and text that is valid UTF-8 with more
 * than a few multi-byte characters is UTF-8 (GBK text almost never is). Text that is not valid UTF-8 is GB18030;
 * how sure that is, is measured: the share of GB2312's common characters in what it decodes to (text in Big5 or
 * Shift-JIS read as GB18030 falls mostly outside them). A statistical detector (chardet, ICU's algorithm) answers
 * which of some 30 encodings is likeliest and names one for the whole file, so it could neither prove the UTF-8 case
 * nor read a file whose lines were written in two encodings; those files are decoded line by line here.
 */
export function decodeText(buf: Uint8Array): Decoded {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16 && bytes.length >= 2) {
    const text = new TextDecoder(utf16).decode(bytes.subarray(2));
    const bad = text.includes(REPLACEMENT) ? linesWithReplacement(text) : [];
    return {
      text,
      encoding: utf16,
      confidence: "certain",
      evidence: `文件以 UTF-16 的 BOM（${utf16 === "utf-16le" ? "FF FE" : "FE FF"}）开头`,
      warnings: bad.length ? [replacementWarning(bad, "无法解码的字符")] : [],
      replacement: bad.length > 0
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) {
    const text = body.toString("utf8");
    // a two-byte character is one code unit more in UTF-8's bytes than in the text, a three- or four-byte one two more
    const extra = body.length - text.length;
    const bad = text.includes(REPLACEMENT) ? linesWithReplacement(text) : [];
    const warnings = bad.length ? [replacementWarning(bad, "替换字符 U+FFFD（导出前已有无法解码的字节）")] : [];
    const encoding = bom ? "utf-8-bom" : "utf-8";
    if (extra === 0) {
      return {text, encoding, confidence: "certain", evidence: `${bom ? "UTF-8 BOM；" : ""}全文只有 ASCII 字符（各编码相同）`, warnings, replacement: bad.length > 0};
    }
    const multibyte = `全文是合法的 UTF-8（约 ${Math.ceil(extra / 2).toLocaleString("zh-CN")} 个多字节字符）`;
    const few = !bom && extra / 2 < FEW_MULTIBYTE;
    return {
      text,
      encoding,
      confidence: few ? "likely" : "certain",
      evidence: bom ? `UTF-8 BOM；${multibyte}` : few ? `${multibyte}；多字节字符很少，也可能是恰好合法的 GBK` : multibyte,
      warnings,
      replacement: bad.length > 0
    };
  }
  if (!bom) {
    const text = iconv.decode(body, "gb18030");
    if (!text.includes(REPLACEMENT)) {
      const check = gbEvidence(text, "不是合法的 UTF-8，按 GB18030（GBK 的超集）解码无错误");
      return {text, encoding: "gb18030", confidence: check.confidence, evidence: check.evidence, warnings: check.warning ? [check.warning] : [], replacement: false};
    }
  }
  return decodeByLine(body, bom);
}
