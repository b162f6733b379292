import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, expect, test} from "vitest";
import {prerunLoaders} from "../../scripts/prerun-loaders.ts";

const root = mkdtempSync(join(tmpdir(), "prerun-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

test("runs each loader into Framework's cache, unpacks archives there, and leaves a failing loader to the build", async () => {
  const data = join(root, "data");
  mkdirSync(data, {recursive: true});
  const fflate = JSON.stringify(resolve("node_modules/fflate/esm/index.mjs"));
  writeFileSync(join(data, "a.json.ts"), `process.stdout.write(JSON.stringify({a: process.env.PRERUN_VALUE}));\n`);
  writeFileSync(join(data, "b.zip.ts"), `import {strToU8, zipSync} from ${fflate};\nprocess.stdout.write(zipSync({"x.json": strToU8("1"), "cases/y.arrow": strToU8("2")}));\n`);
  writeFileSync(join(data, "c.json.ts"), `process.exit(3);\n`);
  writeFileSync(join(data, "notes.md"), "not a loader\n");
  const env = {...process.env, PATH: `${resolve("node_modules/.bin")}:${process.env.PATH}`, PRERUN_VALUE: "seen"};
  const summary = await prerunLoaders(root, env);
  const cache = join(root, ".observablehq", "cache", "data");
  expect(JSON.parse(readFileSync(join(cache, "a.json"), "utf8"))).toEqual({a: "seen"});
  expect(readFileSync(join(cache, "b", "x.json"), "utf8")).toBe("1");
  expect(readFileSync(join(cache, "b", "cases", "y.arrow"), "utf8")).toBe("2");
  expect(existsSync(join(cache, "b.zip"))).toBe(true);
  expect(readdirSync(cache).sort()).toEqual(["a.json", "b", "b.zip"]);
  expect(summary).toMatchObject({loaders: 2, members: 2, failed: ["c.json.ts"]});
}, 60_000);
