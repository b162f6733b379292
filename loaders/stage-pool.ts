import {build} from "esbuild";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {Worker} from "node:worker_threads";
import {geoConfigStamp} from "./geo/config.ts";
import type {StageJob, StageResult} from "./stage-file.ts";
import type {WorkerMessage} from "./stage-worker.ts";

export const WORKERS_ENV = "CHENGGUAN_INGEST_WORKERS";

/**
 * Node flags for a process that runs the ingest (`npm run ingest` and every script that starts one):
 * - tsx's loader imported into node itself, rather than the `tsx` command, which starts a second node process
 *   (0.1–0.15 s);
 * - V8's own garbage-collector threads would compete with the reading threads for the same cores; measured on 2
 *   cores, collecting on each reading thread itself reads a million-row month set about 5 % faster. V8 takes the
 *   flag only when a process starts, hence a flag rather than a setting.
 */
export const INGEST_NODE_FLAGS = ["--import", "tsx", "--single-threaded-gc"] as const;

export interface PoolOptions {
  /** Worker threads to use (0: read every file on the calling thread); by default one per core when there is enough to read. */
  workers?: number;
  /** The worker script from {@link bundleStageWorker} when the caller has it already. */
  script?: Promise<string>;
  onStart?: (job: StageJob) => void;
  onRows?: (job: StageJob, rows: number, total: number) => void;
}

/** Below this much to read, starting workers (each loads the loaders again) costs more than it saves. */
const MIN_BYTES_FOR_WORKERS = 4 << 20;
/** Whole files are parsed in memory: a larger young generation spares most of the garbage collector's copying. */
const YOUNG_GENERATION_MB = 128;

/** Worker threads asked for by $CHENGGUAN_INGEST_WORKERS (0: read on the calling thread), or undefined. */
export function configuredWorkers(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const configured = env[WORKERS_ENV]?.trim();
  if (!configured || !Number.isInteger(Number(configured))) return undefined;
  return Math.max(0, Number(configured));
}

/**
 * The staging worker and everything it imports (the code that turns an export into stage rows, parser libraries
 * included) bundled into one CommonJS script, in about 80 ms with esbuild. A thread evaluates it in about a third of
 * the time it takes to load the same TypeScript modules through tsx, and its hash tells a rerun whether rows kept
 * from an earlier run could differ from a fresh read. Throws ConfigError when the geography settings are invalid.
 */
export async function bundleStageWorker(): Promise<string> {
  const loaders = path.dirname(fileURLToPath(import.meta.url));
  const result = await build({
    // the bundle's comments name files relative to this, so that its text does not depend on the working directory
    absWorkingDir: path.dirname(loaders),
    entryPoints: [path.join(loaders, "stage-worker.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    write: false,
    logLevel: "silent",
    // settings the worker reads at run time are part of what it does: their stamp makes a change re-read every file
    banner: {js: `// ${geoConfigStamp()}`}
  });
  return result.outputFiles[0].text;
}

function startWorker(script: string): Worker {
  return new Worker(script, {eval: true, resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}});
}

/** Reads the files on this thread; the readers are loaded only then, as a run that uses workers has no need of them here. */
async function runInline(jobs: readonly StageJob[], options: PoolOptions, results: Map<number, StageResult>): Promise<void> {
  const {stageFile} = await import("./stage-file.ts");
  for (const job of jobs) {
    if (results.has(job.index)) continue;
    options.onStart?.(job);
    results.set(job.index, stageFile(job, (rows, total) => options.onRows?.(job, rows, total)));
  }
}

export interface Staged {
  /** Each file's result by its job index. */
  results: Map<number, StageResult>;
  /** Worker threads that read files (0: all were read on the calling thread). */
  threads: number;
}

/**
 * Stages the files on worker threads, the largest first. Where workers cannot start, the files are read on this
 * thread, with the same results.
 */
export async function stageFiles(jobs: readonly StageJob[], options: PoolOptions = {}): Promise<Staged> {
  const results = new Map<number, StageResult>();
  const bytes = jobs.reduce((a, j) => a + j.file.size, 0);
  const cores = os.availableParallelism();
  const wanted = options.workers ?? (bytes < MIN_BYTES_FOR_WORKERS || cores < 2 ? 0 : Math.min(cores, 4));
  const count = Math.min(wanted, jobs.length);
  if (count < 1) {
    await runInline(jobs, options, results);
    return {results, threads: 0};
  }
  const queue = [...jobs].sort((a, b) => b.file.size - a.file.size || a.index - b.index);
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  const workers: Worker[] = [];
  let unavailable = false;
  let threads = 0;
  let script: string;
  try {
    script = await (options.script ?? bundleStageWorker());
  } catch {
    await runInline(jobs, options, results);
    return {results, threads: 0};
  }
  try {
    await Promise.all(
      Array.from({length: count}, () =>
        new Promise<void>((resolve, reject) => {
          const worker = startWorker(script);
          workers.push(worker);
          let ready = false;
          let finished = false;
          const next = () => {
            const job = queue.shift();
            if (!job) {
              finished = true;
              return resolve();
            }
            options.onStart?.(job);
            worker.postMessage(job);
          };
          worker.on("message", (m: WorkerMessage) => {
            if (m.type === "ready") {
              ready = true;
              threads++;
              next();
            } else if (m.type === "rows") options.onRows?.(byIndex.get(m.index)!, m.rows, m.total);
            else {
              results.set(m.index, m.result);
              next();
            }
          });
          worker.on("error", (error) => {
            if (ready) return reject(error);
            unavailable = true;
            resolve();
          });
          worker.on("exit", (code) => {
            if (ready && !finished) reject(new Error(`读取线程意外退出（${code}）`));
          });
        })
      )
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (unavailable) await runInline(jobs, options, results);
  return {results, threads};
}
