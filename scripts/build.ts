/**
 * Builds (or previews) the Framework site with no network: fills Framework's npm cache
 * from node_modules, drops stale data-loader outputs, runs the data loaders two at a time (scripts/prerun-loaders.ts;
 * not for a preview, which runs them on request), then runs `observable`; after a build, precompresses the
 * output (scripts/compress.ts), after adding each page's preloads of its first view's data (scripts/preload.ts) and
 * the snapshot of its first view (scripts/first-paint.ts).
 *
 * The site is built beside the output (`dist.building/`) and put in its place only when every step has succeeded:
 * Framework empties its output first, and a server left running on dist/ answered 404 for about two minutes of
 * every monthly build (measured 2026-12-03 on the default sample), then sent uncompressed files until the
 * precompression was done. A failed build leaves dist/ as it was.
 *
 *   tsx scripts/build.ts [--config FILE.js] [--preview]
 *
 * Framework loads a TypeScript config only from its default path, so other configs are .js.
 */
import {spawn} from "node:child_process";
import {existsSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {parseArgs} from "node:util";
import {planDir, readPlanFiles} from "../loaders/publish/plan.ts";
import {ConfigError} from "../loaders/yaml-file.ts";
import {compressDir, summaryLine} from "./compress.ts";
import {clearLoaderCache, fillNpmCache} from "./framework-cache.ts";
import {addFirstPaint, firstPaintLine} from "./first-paint.ts";
import {addDataPreloads, addEnginePrefetch} from "./preload.ts";
import {prerunLine, prerunLoaders} from "./prerun-loaders.ts";
import {PAGES} from "./site-pages.ts";

const {values} = parseArgs({options: {config: {type: "string"}, preview: {type: "boolean", default: false}}});
const config = (await import(resolve(values.config ?? "observablehq.config.ts"))).default as {root?: string; output?: string};
const root = config.root ?? "src";

// the bureau's hand-edited files are checked before anything is built, so a typo stops here with its file and line
// and the last good dist/ stays as it was
try {
  readPlanFiles(planDir());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`构建未进行，dist/ 保持不变：${error.message}`);
  process.exit(1);
}

const built = (await fillNpmCache({root})).filter((e) => e.built);
if (built.length > 0) console.log(`npm 缓存: ${built.map((e) => `${e.name}@${e.version}`).join(", ")}`);
await clearLoaderCache(root);

const output = resolve(config.output ?? "dist");
const staging = `${output}.building`;
let buildConfig = values.config;
if (!values.preview) {
  rmSync(staging, {recursive: true, force: true});
  buildConfig = `${staging}.config.js`;
  writeFileSync(buildConfig, `import config from ${JSON.stringify(resolve(values.config ?? "observablehq.config.ts"))};\nexport default {...config, output: ${JSON.stringify(staging)}};\n`);
}

const bin = resolve("node_modules/.bin");
// tsx lets a config given with --config (a .js file) import the project's TypeScript config and loaders
const frameworkEnv = {...process.env, PATH: `${bin}:${process.env.PATH}`, OBSERVABLE_TELEMETRY_DISABLE: "true", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import tsx`.trim()};
if (!values.preview) console.log(prerunLine(await prerunLoaders(root, frameworkEnv)));
const child = spawn(resolve(bin, "observable"), [values.preview ? "preview" : "build", ...(buildConfig ? ["--config", buildConfig] : [])], {
  stdio: "inherit",
  env: frameworkEnv
});
const code = await new Promise<number>((done) => child.on("exit", (status, signal) => done(status ?? (signal ? 1 : 0))));
if (!values.preview) {
  rmSync(buildConfig!, {force: true});
  try {
    if (code !== 0) throw new Error(`observable build 退出码 ${code}`);
    await addDataPreloads(staging);
    await addEnginePrefetch(staging);
    console.log(firstPaintLine(await addFirstPaint(staging, PAGES)));
    console.log(summaryLine(await compressDir(staging)));
    replaceOutput(staging, output);
  } catch (error) {
    rmSync(staging, {recursive: true, force: true});
    console.error(`构建失败，${output} 保持不变：${error instanceof Error ? error.message : String(error)}`);
    process.exit(code || 1);
  }
}
process.exit(code);

/**
 * Puts the built site in place of the old one with two renames, so that a server on `output` answers from one or
 * the other throughout (at most a moment between the renames without either).
 */
function replaceOutput(built: string, output: string): void {
  const old = `${output}.old-${process.pid}`;
  const hadOutput = existsSync(output);
  if (hadOutput) renameSync(output, old);
  renameSync(built, output);
  if (hadOutput) rmSync(old, {recursive: true, force: true});
}
