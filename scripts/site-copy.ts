/**
 * A private build of the site for tests and benchmarks: a copy of src/ as Framework's root, and a config file that
 * names it and the output folder. The checkout's src/.observablehq (Framework's loader cache) and dist/ are never
 * written: a build with the checkout's root would clear and refill that loader cache, and a maintainer's own
 * `npm run build` at the same moment could pick up the other build's data-loader outputs.
 */
import {cpSync, existsSync, writeFileSync} from "node:fs";
import {mkdtemp} from "node:fs/promises";
import {join, resolve} from "node:path";
import {cacheDir} from "./framework-cache.ts";

/** Library bundles that are keyed by package version (see framework-cache.ts), so a copy of them is never stale. */
const LIBRARY_BUNDLES = ["_npm", "_node"];

/**
 * Copies src/ into a new folder `<project>/<prefix>XXXXXX` and returns its absolute path. It sits one level below
 * the project so that the data loaders' relative imports (`../../loaders/…`) still resolve. Loader outputs are not
 * copied; with `libraryBundles`, the npm and node bundles of src/'s Framework cache are (a build then costs what
 * `npm run build` costs in the checkout, not an esbuild of every browser library). The caller removes the folder.
 */
export async function copySourceRoot(prefix: string, {libraryBundles = false} = {}): Promise<string> {
  const root = await mkdtemp(resolve(prefix));
  cpSync("src", root, {recursive: true, filter: (p) => !p.includes(".observablehq")});
  if (libraryBundles) {
    for (const name of LIBRARY_BUNDLES) {
      const from = join(cacheDir("src"), name);
      if (existsSync(from)) cpSync(from, join(cacheDir(root), name), {recursive: true});
    }
  }
  return root;
}

/**
 * Writes the project's Framework config with another root and output as `file` (a .js file: see scripts/build.ts).
 * The config is imported, not copied: its dynamicPaths is a function (the case-list months).
 */
export function writeBuildConfig(file: string, root: string, output: string): void {
  writeFileSync(file, `import config from ${JSON.stringify(resolve("observablehq.config.ts"))};\nexport default {...config, root: ${JSON.stringify(root)}, output: ${JSON.stringify(output)}};\n`);
}
