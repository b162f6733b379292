import zlib from "node:zlib";
import {formatBytes, ReadError} from "./table.ts";

/** One member of a ZIP archive as its central directory and local header describe it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  /** Sizes as the format defines them (ZIP64 fields where the 32-bit ones say so). */
  compressedSize: number;
  size: number;
  /** Every non-zero uncompressed size the archive states for the entry, in any of its headers and extra fields. */
  declaredSizes: number[];
  /** Where the entry's compressed data starts. */
  dataOffset: number;
}

export interface ZipLimits {
  /** The most an archive may inflate to in all, as a multiple of its own size ... */
  ratio: number;
  /** ... but never less than this (small workbooks have fixed parts: styles, theme) ... */
  floor: number;
  /** ... nor more than this; also the most one entry may hold, about what a JavaScript string can (SheetJS reads each as one). */
  ceiling: number;
}

/**
 * A workbook's parts inflate to 3–10 times its size as Excel and WPS write it, up to some 50 times for sheets of
 * empty formatted cells; a hundred times leaves room for those and still stops a bomb before it inflates.
 */
export const WORKBOOK_LIMITS: ZipLimits = {ratio: 100, floor: 8 << 20, ceiling: 512 << 20};

/** DEFLATE's best case: 258 bytes from a code of 2 bits, about 1032 to 1. A declared size beyond it is a lie. */
const DEFLATE_MAX_RATIO = 1032;

const DAMAGED = "不是电子表格：ZIP 文件不完整或已损坏";

function u64(view: Buffer, at: number): number {
  return view.readUInt32LE(at) + view.readUInt32LE(at + 4) * 2 ** 32;
}

/** Extra fields of a header as id -> the field's bytes. */
function extraFields(view: Buffer, start: number, length: number): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  const end = Math.min(start + length, view.length);
  for (let at = start; at + 4 <= end; ) {
    const id = view.readUInt16LE(at);
    const size = view.readUInt16LE(at + 2);
    fields.set(id, view.subarray(at + 4, Math.min(at + 4 + size, end)));
    at += 4 + size;
  }
  return fields;
}

/** The ZIP64 field's first value, which some readers (SheetJS among them) take as the size whatever the header says. */
function zip64First(field: Buffer | undefined): number {
  return field && field.length >= 8 ? u64(field, 0) : 0;
}

/**
 * The entries of a ZIP archive, from its central directory, each checked against its local header. Throws ReadError
 * for an archive that is incomplete, encrypted, or whose records point outside the file. Reads headers only.
 */
export function zipEntries(buf: Uint8Array): ZipEntry[] {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 65_557); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ReadError(DAMAGED);
  let count = view.readUInt16LE(eocd + 10);
  let cdSize = view.readUInt32LE(eocd + 12);
  let cdOffset = view.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.readUInt32LE(locator) !== 0x07064b50) throw new ReadError(DAMAGED);
    const at = u64(view, locator + 8);
    if (at + 56 > view.length || view.readUInt32LE(at) !== 0x06064b50) throw new ReadError(DAMAGED);
    count = u64(view, at + 32);
    cdSize = u64(view, at + 40);
    cdOffset = u64(view, at + 48);
  }
  if (cdOffset + cdSize > view.length || count > cdSize / 46) throw new ReadError(DAMAGED);
  const entries: ZipEntry[] = [];
  for (let at = cdOffset, i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || view.readUInt32LE(at) !== 0x02014b50) throw new ReadError(DAMAGED);
    const flags = view.readUInt16LE(at + 8);
    const method = view.readUInt16LE(at + 10);
    let compressedSize = view.readUInt32LE(at + 20);
    let size = view.readUInt32LE(at + 24);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    let localOffset = view.readUInt32LE(at + 42);
    const name = view.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? "utf8" : "latin1");
    const extra = extraFields(view, at + 46 + nameLength, extraLength);
    const declaredSizes = [size];
    const zip64 = extra.get(0x0001);
    if (zip64) {
      // the ZIP64 field holds, in this order, only the values whose 32-bit field is all ones
      let z = 0;
      if (size === 0xffffffff && z + 8 <= zip64.length) (size = u64(zip64, z)), (z += 8);
      if (compressedSize === 0xffffffff && z + 8 <= zip64.length) (compressedSize = u64(zip64, z)), (z += 8);
      if (localOffset === 0xffffffff && z + 8 <= zip64.length) localOffset = u64(zip64, z);
      declaredSizes.push(size, zip64First(zip64));
    }
    if (flags & 0x41) throw new ReadError("文件已加密（有密码），无法读取");
    if (localOffset + 30 > view.length || view.readUInt32LE(localOffset) !== 0x04034b50) throw new ReadError(DAMAGED);
    const localName = view.readUInt16LE(localOffset + 26);
    const localExtra = view.readUInt16LE(localOffset + 28);
    declaredSizes.push(view.readUInt32LE(localOffset + 22), zip64First(extraFields(view, localOffset + 30 + localName, localExtra).get(0x0001)));
    const dataOffset = localOffset + 30 + localName + localExtra;
    if (dataOffset + compressedSize > view.length) throw new ReadError(DAMAGED);
    entries.push({name, method, flags, compressedSize, size, declaredSizes: [...new Set(declaredSizes.filter((s) => s > 0))], dataOffset});
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function bomb(detail: string): ReadError {
  return new ReadError(`不是正常的电子表格：${detail}；文件可能已损坏，或是恶意构造的“压缩炸弹”，未读取`);
}

/**
 * Checks, before a spreadsheet library sees it, that a ZIP archive inflates to no more than its headers say and that
 * what they say is in proportion to its size (`limits`): every size an entry states agrees and is one DEFLATE can
 * reach from its compressed bytes; the sizes add up to no more than the limits; and each entry, inflated with its
 * stated size as a hard cap on the output, gives exactly that many bytes. Memory stays within the largest entry.
 * Throws ReadError naming the entry and the sizes.
 */
export function checkZipSizes(buf: Uint8Array, entries: readonly ZipEntry[], limits: ZipLimits = WORKBOOK_LIMITS): void {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const budget = Math.min(limits.ceiling, Math.max(limits.floor, limits.ratio * view.length));
  let total = 0;
  for (const e of entries) {
    const stated = Math.max(e.size, ...e.declaredSizes);
    if (e.declaredSizes.some((s) => s !== e.size)) {
      throw bomb(`ZIP 条目 ${e.name} 的几处记录声明的大小互相矛盾（${e.declaredSizes.map(formatBytes).join("、")}）`);
    }
    if (e.method === 0 ? stated !== e.compressedSize : stated > e.compressedSize * DEFLATE_MAX_RATIO + 1024) {
      throw bomb(`ZIP 条目 ${e.name} 声明解压后有 ${formatBytes(stated)}，而其压缩数据只有 ${formatBytes(e.compressedSize)}，超过压缩格式可能的比例`);
    }
    if (e.method !== 0 && e.method !== 8) throw new ReadError(`不是电子表格：ZIP 条目 ${e.name} 使用了不支持的压缩方式（${e.method}）`);
    total += stated;
    if (stated > limits.ceiling || total > budget) {
      throw bomb(
        `解压后共需 ${formatBytes(total)}（至 ${e.name}），是文件大小 ${formatBytes(view.length)} 的 ${Math.round(total / view.length)} 倍，` +
          `超出电子表格的正常比例（至多 ${limits.ratio} 倍，或 ${formatBytes(limits.floor)}）`
      );
    }
  }
  for (const e of entries) {
    if (e.method !== 8) continue;
    let inflated: Buffer;
    try {
      // the stated size is a hard cap: a stream that inflates further stops there
      inflated = zlib.inflateRawSync(view.subarray(e.dataOffset, e.dataOffset + e.compressedSize), {maxOutputLength: Math.max(1, e.size)});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw bomb(`ZIP 条目 ${e.name} 解压后超过其声明的 ${formatBytes(e.size)}`);
      }
      throw new ReadError(`${DAMAGED}（条目 ${e.name} 无法解压）`);
    }
    if (inflated.length !== e.size) throw new ReadError(`${DAMAGED}（条目 ${e.name} 解压后 ${formatBytes(inflated.length)}，与声明的 ${formatBytes(e.size)} 不符）`);
  }
}
