import {rm} from "node:fs/promises";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {StaticServer} from "../../scripts/serve.ts";
import {buildSite, checkPage, launchBrowser, problems, serve, settle, watchPage} from "../../scripts/browser.ts";

const config = "test/fixtures/site/observablehq.config.js";
const dist = "test/fixtures/site/dist";

describe("e2e harness on the fixture site", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    await rm(dist, {recursive: true, force: true});
    await buildSite(config);
    server = await serve(dist);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test.each(["/", "/sql", "/csv"])("%s renders with no error, and requests nothing outside", async (path) => {
    const report = await checkPage(browser, server.url, path);
    expect(problems(report)).toEqual([]);
  });

  test("a Plot chart is drawn and an Inputs control drives it", async () => {
    const page = await browser.newPage();
    const watched = await watchPage(page, server.url);
    await page.goto(`${server.url}/`);
    await settle(page);
    expect(await page.locator("#count").textContent()).toBe("5");
    expect(await page.locator("svg rect").count()).toBeGreaterThan(0);
    await page.locator("input[type=number]").fill("8");
    await page.locator("input[type=number]").press("Enter");
    await expect.poll(() => page.locator("#count").textContent()).toBe("2");
    expect(watched.pageErrors).toEqual([]);
    await page.close();
  });

  test("a sql block queries an Arrow stream made by a data loader", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sql`);
    await settle(page);
    expect(await page.locator("#sql-result").textContent()).toBe("1000");
    await page.close();
  });

  test("FileAttachment.csv reads a file", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/csv`);
    await settle(page);
    expect(await page.locator("#csv-result").textContent()).toBe("2");
    await page.close();
  });

  test("the harness catches a request to another origin", async () => {
    const report = await checkPage(browser, server.url, "/probe-outside");
    expect(report.outsideRequests).toEqual(["https://cdn.example.invalid/pixel.png"]);
  });

  test("the harness catches an error cell", async () => {
    const report = await checkPage(browser, server.url, "/probe-error");
    expect(report.errorCells.join()).toMatch(/undefinedOnPurpose/);
  });
});
