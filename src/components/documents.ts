/**
 * The bureau's two Word documents as files: the one entry point that the CLI (scripts/documents.ts, in Node) and the
 * download buttons of 年度报告数据 and 数字城管案件 (in the browser) call, so both write the same document from the
 * same published JSON. Pages import this module only when a button is clicked: the `docx` library is large.
 */
import {annualReportContent, type AnnualReportInput} from "./annual-report.js";
import {bulletinContent, type BulletinInput} from "./bulletin.js";
import {officialDocxBytes, type OfficialDocument} from "./official-document.js";

export type {AnnualReportInput, BulletinInput};

export interface DocumentFile {
  fileName: string;
  bytes: Uint8Array;
  content: OfficialDocument;
}

async function file(content: OfficialDocument): Promise<DocumentFile> {
  return {fileName: content.fileName, bytes: await officialDocxBytes(content), content};
}

/** The annual 法治政府建设情况报告 draft (.docx). @throws Error (Chinese) for a year without data */
export function annualReportFile(input: AnnualReportInput): Promise<DocumentFile> {
  return file(annualReportContent(input));
}

/** The monthly 数字城管运行情况通报 (.docx). @throws Error (Chinese) for a month without data */
export function bulletinFile(input: BulletinInput): Promise<DocumentFile> {
  return file(bulletinContent(input));
}
