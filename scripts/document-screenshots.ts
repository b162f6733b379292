/**
 * Renders the two Word documents as the bureau would print them, to look at: .docx → PDF with LibreOffice
 * (Debian's libreoffice-writer-nogui) → one PNG a page with pdftoppm (poppler-utils). `npm run screenshots` runs it
 * after the pages; it is too slow for `npm test`.
 *
 *   tsx scripts/document-screenshots.ts [--year 2025] [--month 2025-03] [--out screenshots]
 *
 * Defaults: the latest complete year and the latest month with data. The official fonts (仿宋_GB2312, 楷体_GB2312,
 * 黑体, 方正小标宋简体) are Windows fonts that Debian does not have; a fontconfig file made for the run stands Noto CJK
 * in for them (serif for 仿宋, 楷体 and, in bold, 小标宋; sans for 黑体), so the pages show the layout as set.
 */
import {execFile} from "node:child_process";
import {mkdir, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {parseArgs, promisify} from "node:util";
import {freshness, readReport} from "../loaders/publish/quality.ts";
import {warehouseDir} from "../loaders/publish/connection.ts";
import {documentFile, writeDocumentFile} from "./documents.ts";

const run = promisify(execFile);

const STAND_INS: [string, string, "bold" | null][] = [
  ["仿宋_GB2312", "Noto Serif CJK SC", null],
  ["楷体_GB2312", "Noto Serif CJK SC", null],
  ["方正小标宋简体", "Noto Serif CJK SC", "bold"],
  ["黑体", "Noto Sans CJK SC", null],
  ["宋体", "Noto Serif CJK SC", null]
];

function fontsConf(): string {
  const rules = STAND_INS.map(
    ([name, family, weight]) => `  <match target="pattern">
    <test name="family"><string>${name}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>${family}</string></edit>${weight ? `\n    <edit name="weight" mode="assign"><const>${weight}</const></edit>` : ""}
  </match>`
  );
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${rules.join("\n")}\n</fontconfig>\n`;
}

/** .docx → PDF → PNG pages (`<stem>-1.png`, …); returns the PNG paths. */
export async function renderDocx(docx: string, outDir: string, stem: string, work: string): Promise<string[]> {
  const conf = join(work, "fonts.conf");
  await writeFile(conf, fontsConf());
  const env = {...process.env, FONTCONFIG_FILE: conf, HOME: work};
  await run("soffice", [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", work, docx], {env, timeout: 180_000});
  const pdf = join(work, docx.replace(/^.*\//, "").replace(/\.docx$/, ".pdf"));
  await run("pdftoppm", ["-png", "-r", "80", pdf, join(outDir, stem)], {timeout: 120_000});
  return (await readdir(outDir)).filter((f) => f.startsWith(`${stem}-`) && f.endsWith(".png")).sort().map((f) => join(outDir, f));
}

/**
 * Renders the year's report draft and the month's bulletin into `out` (`report-<year>-<page>.png`,
 * `bulletin-<month>-<page>.png`); returns the PNG paths.
 * @throws Error when the warehouse is empty or LibreOffice or pdftoppm fails
 */
export async function documentScreenshots({out, year, month}: {out: string; year?: number; month?: string}): Promise<string[]> {
  const latest = freshness(readReport(warehouseDir())).latestMonth;
  if (!latest) throw new Error("数据仓库中没有数据：请先运行 npm run build");
  const reportYear = year ?? (latest.endsWith("-12") ? Number(latest.slice(0, 4)) : Number(latest.slice(0, 4)) - 1);
  const bulletinMonth = month ?? latest;
  await mkdir(out, {recursive: true});
  const work = await mkdtemp(join(tmpdir(), "chengguan-docs-"));
  const pngs: string[] = [];
  try {
    for (const [kind, stem, period] of [["report", `report-${reportYear}`, {year: reportYear}], ["bulletin", `bulletin-${bulletinMonth}`, {month: bulletinMonth}]] as const) {
      const docx = join(work, `${stem}.docx`);
      await writeDocumentFile(await documentFile(kind, period), docx);
      for (const f of await readdir(out)) if (f.startsWith(`${stem}-`) && f.endsWith(".png")) await rm(join(out, f));
      const pages = await renderDocx(docx, out, stem, work);
      console.log(`${stem}.docx: ${pages.length} 页 → ${pages.join(" ")}`);
      pngs.push(...pages);
    }
  } finally {
    await rm(work, {recursive: true, force: true});
  }
  return pngs;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const {values} = parseArgs({options: {year: {type: "string"}, month: {type: "string"}, out: {type: "string", default: "screenshots"}}});
  await documentScreenshots({out: resolve(values.out!), year: values.year ? Number(values.year) : undefined, month: values.month});
}
