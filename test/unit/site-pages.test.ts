import fs from "node:fs";
import {expect, test} from "vitest";
import {PAGES} from "../../scripts/site-pages.ts";

test("every page file is in the sidebar (and so in the end-to-end tests and screenshots), and nothing else is", () => {
  const files = fs
    .readdirSync("src")
    .filter((f) => f.endsWith(".md"))
    .map((f) => (f === "index.md" ? "/" : `/${f.slice(0, -3)}`));
  expect([...PAGES].sort()).toEqual(files.sort());
});
