/**
 * Screenshots of every page at the three layouts the bureau uses (big screen, laptop, phone),
 * for looking at what was built: `npm run screenshots -- [--dist dist] [--out screenshots]`.
 * Then the two Word documents, page by page (document-screenshots.ts), unless only some pages were asked for.
 */
import {mkdir} from "node:fs/promises";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {errorCells, launchBrowser, problems, serve, settle, watchPage} from "./browser.ts";
import {PAGES, VIEWPORTS} from "./site-pages.ts";
import {documentScreenshots} from "./document-screenshots.ts";


const {values} = parseArgs({options: {dist: {type: "string", default: "dist"}, out: {type: "string", default: "screenshots"}, page: {type: "string", multiple: true}, size: {type: "string", multiple: true}}});
await mkdir(values.out!, {recursive: true});
const server = await serve(values.dist!);
const browser = await launchBrowser();
try {
  for (const viewport of VIEWPORTS.filter((v) => !values.size || values.size.includes(v.name))) {
    for (const path of PAGES.filter((p) => !values.page || values.page.includes(p))) {
      const context = await browser.newContext({viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", deviceScaleFactor: 1});
      const page = await context.newPage();
      const watched = await watchPage(page, server.url);
      const started = Date.now();
      await page.goto(`${server.url}${path}`);
      await settle(page, 60_000);
      const file = join(values.out!, `${path === "/" ? "index" : path.slice(1)}-${viewport.name}.png`);
      await page.screenshot({path: file, fullPage: true});
      const issues = problems({path, errorCells: await errorCells(page), ...watched});
      console.log(`${file}  ${Date.now() - started} ms${issues.length ? `  ${issues.join("; ")}` : ""}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (!values.page && !values.size) await documentScreenshots({out: values.out!});
