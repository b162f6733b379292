/**
 * Precompresses a built site: writes `<file>.br` and `<file>.gz` next to every text, JSON, Arrow, wasm, SVG and CSV
 * file, for the project's server (scripts/serve.ts) and nginx (`gzip_static`, `brotli_static`, deploy/) to send as
 * they are. `npm run build` runs it after `observable build`.
 *
 *   tsx scripts/compress.ts [DIR]     (DIR: the configuration's `output`, which honours CHENGGUAN_DIST)
 *
 * Idempotent: a variant carries its source's modification time, and is remade only when the source's time differs
 * (a rebuilt file) or it is missing. Files smaller than MIN_BYTES, and variants no smaller than their source, are not
 * written (a stale one is removed), so a server sends the file itself. Existing `.br`/`.gz` files are never inputs.
 */
import {createReadStream, createWriteStream} from "node:fs";
import {readdir, rename, rm, stat, utimes} from "node:fs/promises";
import {availableParallelism} from "node:os";
import {extname, join, resolve} from "node:path";
import {pipeline} from "node:stream/promises";
import {constants, createBrotliCompress, createGzip} from "node:zlib";

/** Extensions (lower case, with the dot) of the files that get compressed variants; images and archives are already compressed. */
export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".arrow", ".wasm", ".svg", ".csv", ".tsv", ".txt", ".md", ".xml", ".map", ".geojson", ".topojson"]);

/** Below this size (bytes) a compressed copy saves less than a request's headers. */
export const MIN_BYTES = 1024;

/**
 * Files at least this large (bytes) are compressed fast (brotli 5, gzip 6) rather than smallest (brotli 11, gzip 9):
 * they are DuckDB-WASM's engine and workers, which load after the first paint, and large data. Measured with node:zlib
 * (Node 20) on this 2-core machine under load: duckdb-eh.wasm, 35,659,694 B, gzips to 7,111,380 B at level 6 (2.2 s)
 * and 7,075,384 B at 9 (4.2 s); brotli gives 5,623,055 B at quality 5 (3.5 s), 5,396,824 B at 9 (19 s) and
 * 4,718,195 B at 11 (376 s). The 760 kB eh worker: 173 kB at 5 (0.1 s), 154 kB at 11 (5.9 s); d3, 302 kB: 82 kB at
 * 11 (2.6 s). The fixture site (two wasm, 79 MB) compresses in 14 s.
 */
export const LARGE_BYTES = 512 * 1024;

const VARIANTS = [
  {suffix: ".br", encoding: "br"},
  {suffix: ".gz", encoding: "gzip"}
] as const;

type Encoding = (typeof VARIANTS)[number]["encoding"];

function compressor(encoding: Encoding, size: number) {
  const large = size >= LARGE_BYTES;
  if (encoding === "gzip") return createGzip({level: large ? 6 : 9});
  return createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: large ? 5 : 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: size
    }
  });
}

export interface CompressSummary {
  /** Source files that have at least one variant. */
  files: number;
  /** Variants written by this run (the rest were up to date). */
  written: number;
  /** Bytes of those source files, and of their .br and .gz variants. */
  bytes: {raw: number; br: number; gzip: number};
  seconds: number;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function statOrNull(path: string) {
  return stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
}

/** Whether a variant carries its source's modification time (utimes goes through float seconds: allow 1 ms). */
const sameTime = (a: number, b: number) => Math.abs(a - b) < 1;

/**
 * Writes the missing or stale variants under `dir` (absolute or relative to the working directory), `concurrency`
 * files at a time (zlib runs them on libuv's thread pool). A variant is written to a temporary name and renamed, so a
 * server reading the folder meanwhile never sends half a file. Throws if `dir` does not exist.
 */
export async function compressDir(dir: string, {concurrency = availableParallelism()} = {}): Promise<CompressSummary> {
  const started = performance.now();
  const summary: CompressSummary = {files: 0, written: 0, bytes: {raw: 0, br: 0, gzip: 0}, seconds: 0};
  const sources: string[] = [];
  for await (const path of walk(resolve(dir))) {
    if (COMPRESSIBLE.has(extname(path).toLowerCase())) sources.push(path);
  }

  async function one(source: string): Promise<void> {
    const info = await stat(source);
    let kept = false;
    for (const {suffix, encoding} of VARIANTS) {
      const target = source + suffix;
      let variant = await statOrNull(target);
      if (info.size < MIN_BYTES) {
        if (variant) await rm(target);
        continue;
      }
      if (!variant || !sameTime(variant.mtimeMs, info.mtimeMs)) {
        const temporary = `${target}.${process.pid}.tmp`;
        await pipeline(createReadStream(source), compressor(encoding, info.size), createWriteStream(temporary));
        if ((await stat(temporary)).size >= info.size) {
          await rm(temporary);
          if (variant) await rm(target);
          continue;
        }
        await utimes(temporary, info.atime, info.mtime);
        await rename(temporary, target);
        summary.written++;
        variant = await stat(target);
      }
      summary.bytes[encoding] += variant.size;
      kept = true;
    }
    if (kept) {
      summary.files++;
      summary.bytes.raw += info.size;
    }
  }

  // largest first, so the long wasm jobs overlap the many small ones
  const sizes = new Map(await Promise.all(sources.map(async (s) => [s, (await stat(s)).size] as const)));
  const queue = sources.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  await Promise.all(Array.from({length: Math.max(1, concurrency)}, async () => {
    for (let source = queue.shift(); source; source = queue.shift()) await one(source);
  }));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** One line for the build log, in Chinese. */
export function summaryLine(summary: CompressSummary): string {
  const {files, written, bytes, seconds} = summary;
  return `预压缩: ${files} 个文件 ${mb(bytes.raw)} → br ${mb(bytes.br)}，gzip ${mb(bytes.gzip)}（新写 ${written} 个，用时 ${seconds.toFixed(1)} 秒）`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? (((await import(resolve("observablehq.config.ts"))).default as {output?: string}).output ?? "dist");
  console.log(summaryLine(await compressDir(dir)));
}
