/**
 * Everything that depends on Observable Framework's cache layout (1.13.x) lives here.
 *
 * npm: Framework resolves every `npm:` import (explicit, and the implicit ones of its
 * standard library) to `<root>/.observablehq/cache/_npm/<name>@<version>/...` and only
 * fetches from a CDN when that file is missing. A folder name with an exact version also
 * answers its version lookup. Filling it from node_modules makes the build work offline.
 *
 * Data loaders: Framework reuses a loader's cached output while it is newer than the
 * loader's source file, so a new warehouse would not be seen; the outputs are cleared
 * before each build.
 *
 * Bare imports (`import … from "docx"` in a component shared with Node): Framework bundles
 * them itself from node_modules, with no network, into `<root>/.observablehq/cache/_node/
 * <name>@<version>/`. Like the npm cache, that folder is kept between builds.
 */
import {existsSync} from "node:fs";
import {copyFile, mkdir, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {dirname, join, posix, relative, resolve} from "node:path";
import {build, type Plugin} from "esbuild";

export interface BrowserPackage {
  name: string;
  /** Files copied verbatim next to the bundle (wasm, workers). */
  assets?: string[];
}

/** Every package a page or Framework's standard library imports with `npm:`. */
export const BROWSER_PACKAGES: BrowserPackage[] = [
  {name: "apache-arrow"},
  {name: "d3"},
  {name: "d3-dsv"},
  {name: "htl"},
  {name: "isoformat"},
  {name: "@observablehq/plot"},
  {name: "@observablehq/inputs"},
  {name: "arquero"},
  {name: "@e965/xlsx"},
  {name: "h3-js"},
  {
    name: "@duckdb/duckdb-wasm",
    assets: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-eh.worker.js"
    ]
  }
];

/**
 * Framework's client bundle names many optional libraries in lazy `import()`s (React for
 * JSX cells, Leaflet, Mermaid, sample datasets...). Only their version must resolve when
 * the bundle is built, which a folder name in the cache answers; the files are requested
 * only if a page uses them, and ours do not.
 */
const VERSION_ONLY = "0.0.0-unused";
const FRAMEWORK_BUILTINS = new Set(["@observablehq/runtime", "@observablehq/stdlib", "@observablehq/dot", "@observablehq/duckdb", "@observablehq/inputs", "@observablehq/mermaid", "@observablehq/tex", "@observablehq/sqlite"]);

/** Package names of every `npm:` specifier in Framework's client code. */
export async function frameworkClientNpmNames(projectDir = process.cwd()): Promise<string[]> {
  const clientDir = join(dirname(packageJsonPath("@observablehq/framework", projectDir)), "dist", "client");
  const names = new Set<string>();
  for (const file of await readdir(clientDir, {recursive: true})) {
    if (!file.endsWith(".js")) continue;
    const source = await readFile(join(clientDir, file), "utf-8");
    for (const match of source.matchAll(/["']npm:((?:@[\w.-]+\/)?[\w.-]+)/g)) names.add(match[1]);
  }
  return [...names].sort();
}

export interface FillOptions {
  /** Framework's source root (the config's `root`, e.g. "src"). */
  root: string;
  /** Directory that `require.resolve` starts from; defaults to the current directory. */
  projectDir?: string;
  packages?: BrowserPackage[];
  /** Rebuild entries that already exist. */
  force?: boolean;
}

export interface CacheEntry {
  name: string;
  version: string;
  dir: string;
  files: string[];
  built: boolean;
}

export function cacheDir(root: string): string {
  return join(root, ".observablehq", "cache");
}

export function npmCacheDir(root: string): string {
  return join(cacheDir(root), "_npm");
}

export async function installedVersion(name: string, projectDir = process.cwd()): Promise<string> {
  const pkg = JSON.parse(await readFile(packageJsonPath(name, projectDir), "utf-8"));
  return pkg.version;
}

function packageJsonPath(name: string, projectDir: string): string {
  const path = join(resolve(projectDir), "node_modules", name, "package.json");
  if (!existsSync(path)) throw new Error(`${name} is not installed in ${projectDir}/node_modules; run npm ci`);
  return path;
}

/** The cache folder of one package version, relative to the `_npm` folder: `@scope/name@1.2.3`. */
export function cacheKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/**
 * Rewrites bare imports of other cached packages to relative paths inside the cache, the
 * form Framework expects of a cached `_esm.js` (it does not resolve `/npm/` paths offline).
 */
function externalizeCached(fromKey: string, versions: Map<string, string>): Plugin {
  return {
    name: "externalize-cached",
    setup(b) {
      b.onResolve({filter: /^[^./]/}, (args) => {
        const name = packageName(args.path);
        const version = versions.get(name);
        if (version === undefined || args.path !== name) return undefined;
        const target = posix.join(cacheKey(name, version), "_esm.js");
        const from = posix.dirname(posix.join(fromKey, "_esm.js"));
        let path = posix.relative(from, target);
        if (!path.startsWith(".")) path = `./${path}`;
        return {path, external: true};
      });
    }
  };
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Writes `_esm.js` (an ES module bundle of the package's browser entry) and the listed
 * assets for each package, at the version installed in node_modules.
 */
export async function fillNpmCache(options: FillOptions): Promise<CacheEntry[]> {
  const projectDir = resolve(options.projectDir ?? process.cwd());
  const packages = options.packages ?? BROWSER_PACKAGES;
  const cacheDir = npmCacheDir(resolve(projectDir, options.root));
  const versions = new Map<string, string>();
  for (const p of packages) versions.set(p.name, await installedVersion(p.name, projectDir));

  const entries: CacheEntry[] = [];
  for (const p of packages) {
    const version = versions.get(p.name)!;
    const key = cacheKey(p.name, version);
    const dir = join(cacheDir, key);
    const bundlePath = join(dir, "_esm.js");
    const files = [bundlePath, ...(p.assets ?? []).map((a) => join(dir, a))];
    const built = options.force || !files.every((f) => existsSync(f));
    if (built) {
      await rm(dir, {recursive: true, force: true});
      await mkdir(dir, {recursive: true});
      await build({
        stdin: {contents: `export * from ${JSON.stringify(p.name)};\n`, resolveDir: projectDir},
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        minify: true,
        legalComments: "none",
        logLevel: "silent",
        outfile: bundlePath,
        mainFields: ["browser", "module", "main"],
        conditions: ["browser", "import"],
        plugins: [externalizeCached(key, new Map([...versions].filter(([n]) => n !== p.name)))]
      });
      for (const asset of p.assets ?? []) {
        const source = join(dirname(packageJsonPath(p.name, projectDir)), asset);
        const target = join(dir, asset);
        await mkdir(dirname(target), {recursive: true});
        await copyFile(source, target);
      }
    }
    entries.push({name: p.name, version, dir: relative(projectDir, dir), files: files.map((f) => relative(projectDir, f)), built});
  }
  for (const name of await frameworkClientNpmNames(projectDir)) {
    if (versions.has(name) || FRAMEWORK_BUILTINS.has(name)) continue;
    await mkdir(join(cacheDir, cacheKey(name, VERSION_ONLY)), {recursive: true});
  }
  await writeFile(join(cacheDir, "README.txt"), "Generated by scripts/framework-cache.ts from node_modules. Safe to delete.\n");
  return entries;
}

/** Folders of the cache that hold library bundles (keyed by version), not data-loader outputs. */
const LIBRARY_BUNDLES = new Set(["_npm", "_node"]);

/** Removes every cached data-loader output under `root`, keeping the library bundles (`_npm`, `_node`). */
export async function clearLoaderCache(root: string): Promise<string[]> {
  const dir = cacheDir(root);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const entry of await readdir(dir)) {
    if (LIBRARY_BUNDLES.has(entry)) continue;
    await rm(join(dir, entry), {recursive: true, force: true});
    removed.push(entry);
  }
  return removed;
}
