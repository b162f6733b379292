/**
 * Runs the site's data loaders before `observable build`, two at a time, into Framework's loader cache, and unpacks
 * each archive's members there too. Framework 1.13 runs the loaders one after another and, for each member of an
 * archive, reads the whole archive again (JSZip); on a 2-core machine one core waited. A loader's output newer than
 * its source is "fresh" to Framework, which then only copies it (scripts/framework-cache.ts has the layout).
 *
 * A loader that fails here is left to Framework, which runs it again and stops the build with its error as before.
 */
import {spawn} from "node:child_process";
import {createWriteStream} from "node:fs";
import {mkdir, readFile, readdir, rename, rm, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {unzipSync} from "fflate";
import {cacheDir} from "./framework-cache.ts";

/** Loaders run at once: one per core of the 2-core build machine (each also runs DuckDB's threads). */
export const LOADERS_AT_ONCE = 2;

/** `src/data/<name>.<ext>.ts`: the loaders this site has (a Framework loader is named after its output). */
const LOADER = /^(.+\.(arrow|json|zip|csv|parquet))\.ts$/;

/** Rough cost order, slowest first, so that the long ones overlap the many short ones. */
const SLOW_FIRST = (name: string) => (name.endsWith(".zip.ts") ? 0 : name.endsWith(".arrow.ts") ? 1 : 2);

export interface PrerunSummary {
  loaders: number;
  /** Archive members unpacked into the cache. */
  members: number;
  /** Loaders that failed here (Framework runs them again and reports their error). */
  failed: string[];
  /** Each loader's wall-clock seconds (two run at once, so each is slowed by the other). */
  loaderSeconds: Record<string, number>;
  seconds: number;
}

function runLoader(loader: string, output: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((done) => {
    const out = createWriteStream(output);
    out.on("open", () => {
      const child = spawn("tsx", [loader], {env, stdio: ["ignore", out, "inherit"]});
      child.on("error", () => done(false));
      child.on("close", (code) => out.close(() => done(code === 0)));
    });
    out.on("error", () => done(false));
  });
}

/**
 * Runs every loader of `<root>/data` into `<root>/.observablehq/cache/data/`, {@link LOADERS_AT_ONCE} at a time, with
 * `env` (the environment Framework would give them), and unpacks each `.zip` output's members to
 * `data/<archive name>/<member>` in the cache, where Framework looks for them.
 */
export async function prerunLoaders(root: string, env: NodeJS.ProcessEnv): Promise<PrerunSummary> {
  const started = performance.now();
  const summary: PrerunSummary = {loaders: 0, members: 0, failed: [], loaderSeconds: {}, seconds: 0};
  const dataDir = join(root, "data");
  const names = (await readdir(dataDir).catch(() => [] as string[])).filter((n) => LOADER.test(n)).sort((a, b) => SLOW_FIRST(a) - SLOW_FIRST(b) || a.localeCompare(b));
  const cache = join(cacheDir(root), "data");
  await mkdir(cache, {recursive: true});
  const queue = [...names];
  const next = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const target = join(cache, name.match(LOADER)![1]);
      const temporary = `${target}.prerun-${process.pid}`;
      const loaderStarted = performance.now();
      const ok = await runLoader(join(dataDir, name), temporary, env);
      summary.loaderSeconds[name] = (performance.now() - loaderStarted) / 1000;
      if (!ok) {
        await rm(temporary, {force: true});
        summary.failed.push(name);
        continue;
      }
      if (target.endsWith(".zip")) {
        const members = unzipSync(new Uint8Array(await readFile(temporary)));
        const folder = target.slice(0, -".zip".length);
        for (const [member, bytes] of Object.entries(members)) {
          if (member.endsWith("/") || member.split("/").includes("..") || member.startsWith("/")) continue;
          const path = join(folder, member);
          await mkdir(dirname(path), {recursive: true});
          await writeFile(path, bytes);
          summary.members++;
        }
      }
      await rename(temporary, target);
      summary.loaders++;
    }
  };
  await Promise.all(Array.from({length: Math.min(LOADERS_AT_ONCE, names.length)}, next));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** One line for the build's log, in Chinese. */
export function prerunLine(s: PrerunSummary): string {
  const slowest = Object.entries(s.loaderSeconds).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const done = `数据加载: ${s.loaders} 个加载器、${s.members} 个分片文件（用时 ${s.seconds.toFixed(1)} 秒，每次 ${LOADERS_AT_ONCE} 个并行；最慢：${slowest.map(([name, t]) => `${name} ${t.toFixed(1)} 秒`).join("、")}）`;
  return s.failed.length ? `${done}；失败，交由构建重试：${s.failed.join("、")}` : done;
}
