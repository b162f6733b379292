/**
 * Builders of odd and hostile workbooks for the tests: a ZIP writer that puts down exactly the headers it is told
 * (so that sizes can be made to lie), and a minimal xlsx around hand-written sheet XML.
 */
import zlib from "node:zlib";

export interface ZipMember {
  name: string;
  data: Buffer | string;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Uncompressed size to state in the headers instead of the true one. */
  statedSize?: number;
  /** State a different uncompressed size in the local header than in the central directory. */
  localSize?: number;
}

/** A ZIP archive of the members, with the sizes they state (true unless told otherwise). */
export function zip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data = Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data, "utf8");
    const method = m.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(m.name, "utf8");
    const crc = zlib.crc32(data);
    const size = m.statedSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(m.localSize ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface SheetSpec {
  name: string;
  /** The inside of <sheetData>, and what goes before and after it. */
  xml: string;
  dimension?: string;
  after?: string;
  state?: "hidden" | "veryHidden";
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A cell with inline text or a number at a reference such as B3. */
export function cell(ref: string, value: string | number): string {
  return typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
}

/** Rows of values from row `first` on, in columns A, B, C… */
export function rowsXml(rows: readonly (readonly (string | number | null)[])[], first = 1): string {
  return rows
    .map((values, i) => {
      const r = first + i;
      const cells = values.map((v, c) => (v === null ? "" : cell(`${String.fromCharCode(65 + c)}${r}`, v))).join("");
      return `<row r="${r}">${cells}</row>`;
    })
    .join("");
}

/** The members of a minimal xlsx: one worksheet part per sheet, plus what Excel needs around them. */
export function xlsxMembers(sheets: readonly SheetSpec[], extra: readonly ZipMember[] = []): ZipMember[] {
  const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("");
  return [
    {
      name: "[Content_Types].xml",
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`)
        .join("")}</sheets></workbook>`
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}</Relationships>`
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}>${s.dimension ? `<dimension ref="${s.dimension}"/>` : ""}<sheetData>${s.xml}</sheetData>${s.after ?? ""}</worksheet>`
    })),
    ...extra
  ];
}

/** A minimal xlsx of the sheets. */
export function xlsx(sheets: readonly SheetSpec[]): Buffer {
  return zip(xlsxMembers(sheets));
}

export const DOCUMENTS_HEADER = ["文书编号", "文书类型", "签发日期", "送达日期", "所属街道"];

/** Rows of the documents register: 魏城管指字〔2024〕第<n>号, a guidance letter issued on 2024-03-<day>. */
export function documentRows(numbers: readonly number[]): (string | number)[][] {
  return numbers.map((n, i) => [`魏城管指字〔2024〕第${String(n).padStart(4, "0")}号`, "城市管理行政意见指导书", `2024-03-${String((i % 27) + 1).padStart(2, "0")}`, `2024-03-${String((i % 27) + 2).padStart(2, "0")}`, "西关街道"]);
}
