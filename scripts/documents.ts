/**
 * The bureau's two Word documents from the warehouse, built from the same published JSON and by the same builders as
 * the download buttons of 年度报告数据 and 数字城管案件:
 *
 *   npm run report -- --year 2025 [--out FILE.docx]      法治政府建设情况报告（初稿）
 *   npm run bulletin -- --month 2025-03 [--out FILE.docx] 数字城管运行情况通报
 *
 * Exit codes: 0 written; 1 it could not be built (no warehouse, no data for the period, a bad data/documents.yaml);
 * 2 bad arguments.
 */
import {mkdir, rename, writeFile} from "node:fs/promises";
import {dirname, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {parseArgs} from "node:util";
import {readDocumentSettings} from "../loaders/documents-config.ts";
import {buildAnnual} from "../loaders/publish/annual.ts";
import {buildBulletinFigures} from "../loaders/publish/bulletin.ts";
import {openWarehouse, warehouseDir} from "../loaders/publish/connection.ts";
import {buildPlans} from "../loaders/publish/plan.ts";
import {freshness, readReport} from "../loaders/publish/quality.ts";
import {annualReportFile, bulletinFile, type DocumentFile} from "../src/components/documents.ts";
import {PLACEHOLDER} from "../src/components/official-document.ts";

const USAGE = `用法：
  npm run report -- --year 2025 [--out 文件.docx]       年度法治政府建设情况报告（初稿）
  npm run bulletin -- --month 2025-03 [--out 文件.docx]  月度数字城管运行情况通报
数据来自数据仓库（$CHENGGUAN_WAREHOUSE 或 data/warehouse），设置来自 data/documents.yaml。`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

export type DocumentKind = "report" | "bulletin";

/**
 * One document from the warehouse's published figures (the JSON the pages get), by the builder the pages use.
 * @throws Error (Chinese) when there is no warehouse, no data for the period, or data/documents.yaml is invalid
 */
export async function documentFile(kind: DocumentKind, period: {year?: number; month?: string}): Promise<DocumentFile> {
  const settings = readDocumentSettings();
  const published = await openWarehouse();
  try {
    if (kind === "report") {
      const [figures, plans] = [await buildAnnual(published.con), await buildPlans(published.con)];
      return await annualReportFile({year: period.year!, figures, plans, settings, latestMonth: freshness(readReport(warehouseDir())).latestMonth});
    }
    return await bulletinFile({month: period.month!, figures: await buildBulletinFigures(published.con), settings});
  } finally {
    published.close();
  }
}

/** Writes the file through a temporary one, so that a failure leaves no half-written document. */
export async function writeDocumentFile(file: DocumentFile, out: string): Promise<void> {
  await mkdir(dirname(out), {recursive: true});
  const partial = `${out}.part-${process.pid}`;
  await writeFile(partial, file.bytes);
  await rename(partial, out);
}

async function main(): Promise<void> {
  const {values, positionals} = (() => {
    try {
      return parseArgs({allowPositionals: true, options: {year: {type: "string"}, month: {type: "string"}, out: {type: "string"}, help: {type: "boolean", short: "h"}}});
    } catch (error) {
      return usage(`参数有误：${(error as Error).message}`);
    }
  })();
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const kind = positionals[0];
  if (kind !== "report" && kind !== "bulletin") usage("请指明要生成的文件：report（年度报告）或 bulletin（月度通报）");
  if (kind === "report" && !/^\d{4}$/.test(values.year ?? "")) usage("年度报告需要 --year，如 --year 2025");
  if (kind === "bulletin" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month ?? "")) usage("月度通报需要 --month，格式为 YYYY-MM，如 --month 2025-03");
  try {
    const file = await documentFile(kind, {year: Number(values.year), month: values.month});
    const out = resolve(values.out ?? file.fileName);
    await writeDocumentFile(file, out);
    const placeholders = file.content.blocks.filter((b) => (b.kind === "paragraph" || b.kind === "heading2") && PLACEHOLDER.test(b.text)).length;
    console.log(`已生成 ${out}（${(file.bytes.length / 1024).toFixed(0)} KB）：${file.content.title.join("")}${placeholders ? `；${placeholders} 处【待填写】需人工撰写` : ""}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
