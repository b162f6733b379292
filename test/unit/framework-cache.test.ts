import {existsSync, readFileSync} from "node:fs";
import {mkdir, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {BROWSER_PACKAGES, cacheDir, clearLoaderCache, fillNpmCache, frameworkClientNpmNames, npmCacheDir} from "../../scripts/framework-cache.ts";

const lock = JSON.parse(readFileSync("package-lock.json", "utf-8"));
const lockedVersion = (name: string) => lock.packages[`node_modules/${name}`].version as string;

describe("offline npm cache", async () => {
  const root = await mkdtemp(join(tmpdir(), "npm-cache-"));
  afterAll(() => rm(root, {recursive: true, force: true}));
  const packages = BROWSER_PACKAGES.filter((p) => ["apache-arrow", "@duckdb/duckdb-wasm", "htl"].includes(p.name));
  const entries = await fillNpmCache({root, packages});
  const cache = npmCacheDir(root);

  test("writes each package at the version of the lockfile", () => {
    for (const p of packages) {
      const version = lockedVersion(p.name);
      expect(entries.find((e) => e.name === p.name)?.version).toBe(version);
      expect(existsSync(join(cache, `${p.name}@${version}`, "_esm.js"))).toBe(true);
    }
  });

  test("copies wasm and worker assets verbatim", () => {
    const dir = join(cache, `@duckdb/duckdb-wasm@${lockedVersion("@duckdb/duckdb-wasm")}`);
    for (const asset of ["dist/duckdb-eh.wasm", "dist/duckdb-browser-eh.worker.js", "dist/duckdb-mvp.wasm"]) {
      expect(readFileSync(join(dir, asset)).equals(readFileSync(join("node_modules/@duckdb/duckdb-wasm", asset)))).toBe(true);
    }
  });

  test("imports of other cached packages become relative paths into the cache", () => {
    const bundle = readFileSync(join(cache, `@duckdb/duckdb-wasm@${lockedVersion("@duckdb/duckdb-wasm")}`, "_esm.js"), "utf-8");
    expect(bundle).toContain(`"../../apache-arrow@${lockedVersion("apache-arrow")}/_esm.js"`);
    expect(bundle).not.toMatch(/from\s*"(apache-arrow|\/npm\/)/);
  });

  test("a second fill reuses what is there", async () => {
    const again = await fillNpmCache({root, packages});
    expect(again.every((e) => !e.built)).toBe(true);
  });

  test("every optional library of Framework's client resolves to a version folder", async () => {
    const names = await frameworkClientNpmNames();
    expect(names).toContain("react-dom");
    expect(existsSync(join(cache, "react-dom@0.0.0-unused"))).toBe(true);
  });
});

test("clearing data-loader outputs keeps the library bundles (_npm, and _node: Framework's bundles of bare imports)", async () => {
  const root = await mkdtemp(join(tmpdir(), "loader-cache-"));
  try {
    for (const dir of ["_npm/htl@0.3.1", "_node/docx@9.15.2", "data"]) await mkdir(join(cacheDir(root), dir), {recursive: true});
    await writeFile(join(cacheDir(root), "data", "annual.json"), "{}");
    expect(await clearLoaderCache(root)).toEqual(["data"]);
    expect((await readdir(cacheDir(root))).sort()).toEqual(["_node", "_npm"]);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});
