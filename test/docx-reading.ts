/** Reading a .docx back in tests: its XML parts (fflate, @xmldom/xmldom) and its text (mammoth). */
import {DOMParser} from "@xmldom/xmldom";
import {strFromU8, unzipSync} from "fflate";
import mammoth from "mammoth";

/** xmldom builds DOM documents: the DOM types of TypeScript's lib describe them. */
type XmlDocument = Document;

export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** One part of the package as stored ("word/document.xml"). */
export function docxPartSource(bytes: Uint8Array, path: string): string {
  const part = unzipSync(bytes, {filter: (file) => file.name === path})[path];
  if (!part) throw new Error(`no ${path} in the package`);
  return strFromU8(part);
}

/** Every XML part of the package, parsed, by path ("word/document.xml"). */
export function docxParts(bytes: Uint8Array): Record<string, XmlDocument> {
  const parts: Record<string, XmlDocument> = {};
  for (const [path, data] of Object.entries(unzipSync(bytes))) {
    if (path.endsWith(".xml") || path.endsWith(".rels")) parts[path] = new DOMParser().parseFromString(strFromU8(data), "text/xml");
  }
  return parts;
}

export const elements = (node: XmlDocument | Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS(W, name));
export const wAttr = (element: Element | undefined, name: string): string | null => element?.getAttributeNS(W, name) ?? null;

/** The style of that id in word/styles.xml. */
export function style(parts: Record<string, XmlDocument>, id: string): Element | undefined {
  return elements(parts["word/styles.xml"], "style").find((s) => wAttr(s, "styleId") === id);
}

/** The document's text as mammoth reads it: one paragraph (or table cell) a line, no empty lines. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const {value} = await mammoth.extractRawText({buffer: Buffer.from(bytes)});
  return value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}
