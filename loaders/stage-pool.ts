import {build} from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {Worker} from "node:worker_threads";
import {bulkFiles} from "./layout.ts";
import type {CodeBook} from "./codes/index.ts";
import type {StageJob, StageResult} from "./stage-file.ts";
import type {PoolMessage, WorkerMessage} from "./stage-worker.ts";

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
  /** Worker threads to use (0: read every file on the calling thread, without isolation); by default one, or one per core (at most 4) when there is enough to read. */
  workers?: number;
  /** The worker script from {@link bundleStageWorker} when the caller has it already. */
  script?: Promise<string>;
  /** The heap limit of each reading thread in MB, instead of {@link heapLimitMb}'s. */
  heapMb?: number;
  /** The run's code book, given to each thread instead of each reading the jobs' code folder again. */
  book?: CodeBook;
  /** How long a file may take, instead of {@link timeLimitMs}. */
  timeLimit?: (size: number) => number;
  onStart?: (job: StageJob) => void;
  onRows?: (job: StageJob, rows: number, total: number) => void;
}

/** Below this much to read, a second thread (each loads the readers again) costs more than it saves. */
const MIN_BYTES_FOR_WORKERS = 4 << 20;
/** Whole files are parsed in memory: a larger young generation spares most of the garbage collector's copying. */
const YOUNG_GENERATION_MB = 128;

/**
 * The old-generation heap a reading thread may use: a fixed allowance, plus what the largest file of the run needs
 * (a workbook's parts inflate and become cell objects, some 40 times its size; text is held decoded, some 4 times),
 * up to a ceiling. A file that needs more, such as a small one that inflates far beyond its size, fails alone with
 * an out-of-memory error instead of taking the process down; a run of small files reads with the allowance alone.
 */
export function heapLimitMb(files: readonly {size: number; path: string}[]): number {
  const need = files.reduce((a, f) => Math.max(a, f.size * (/\.(xlsx|xlsm|xls)$/i.test(f.path) ? 40 : 4)), 0);
  return Math.min(HEAP_CEILING_MB, HEAP_ALLOWANCE_MB + Math.ceil(need / 2 ** 20));
}
const HEAP_ALLOWANCE_MB = 256;
const HEAP_CEILING_MB = 4096;

/** How long one file may take to read before its thread is stopped: a minute, and ten seconds more per MB. */
export function timeLimitMs(size: number): number {
  return 60_000 + Math.ceil((size / 2 ** 20) * 10_000);
}

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
 * from an earlier run could differ from a fresh read.
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
    logLevel: "silent"
  });
  return result.outputFiles[0].text;
}

function startWorker(script: string, heapMb: number): Worker {
  return new Worker(script, {eval: true, resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb}});
}

/** Reads the files on this thread, without isolation; the readers are loaded only then. */
async function runInline(jobs: readonly StageJob[], options: PoolOptions, results: Map<number, StageResult>): Promise<void> {
  const {stageFile, useCodeBook} = await import("./stage-file.ts");
  if (options.book) useCodeBook(options.book);
  for (const job of jobs) {
    if (results.has(job.index)) continue;
    options.onStart?.(job);
    results.set(job.index, stageFile(job, (rows, total) => options.onRows?.(job, rows, total)));
  }
}

export interface Staged {
  /** Each file's result by its job index. */
  results: Map<number, StageResult>;
  /** Worker threads that read files at once (0: all were read on the calling thread). */
  threads: number;
}

/** A file whose reading thread died or was stopped: its partial bulk files go, and it is reported with `error`. */
function failed(job: StageJob, error: string, started: number): StageResult {
  const files = bulkFiles(job.loadDir, job.file.source, job.index);
  fs.rmSync(files.stage, {force: true});
  fs.rmSync(files.rejects, {force: true});
  return {kind: "error", error, seconds: (Date.now() - started) / 1000, sha256: ""};
}

function sizeText(n: number): string {
  return n < 2 ** 20 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 2 ** 20).toFixed(1)} MB`;
}

/**
 * Stages the files on worker threads, the largest first, each file in isolation: a thread reads one file at a time,
 * within a heap limit ({@link heapLimitMb}) and a time limit ({@link timeLimitMs}). A file that exhausts the heap,
 * crashes its thread or overruns its time becomes that file's error (after one more try on a fresh thread when the
 * thread had read other files before), a new thread takes over, and the other files are read as usual. With
 * `workers: 0`, or where threads cannot start, the files are read on this thread, with the same results and no
 * isolation.
 */
export async function stageFiles(jobs: readonly StageJob[], options: PoolOptions = {}): Promise<Staged> {
  const results = new Map<number, StageResult>();
  const bytes = jobs.reduce((a, j) => a + j.file.size, 0);
  const cores = os.availableParallelism();
  const wanted = options.workers ?? (bytes < MIN_BYTES_FOR_WORKERS || cores < 2 ? 1 : Math.min(cores, 4));
  const count = Math.min(wanted, jobs.length);
  if (count < 1) {
    await runInline(jobs, options, results);
    return {results, threads: 0};
  }
  const queue: {job: StageJob; retried: boolean}[] = [...jobs]
    .sort((a, b) => b.file.size - a.file.size || a.index - b.index)
    .map((job) => ({job, retried: false}));
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  const heapMb = options.heapMb ?? heapLimitMb(jobs.map((j) => j.file));
  const timeLimit = options.timeLimit ?? timeLimitMs;
  const live = new Set<Worker>();
  let unavailable = false;
  let threads = 0;
  let script: string;
  try {
    script = await (options.script ?? bundleStageWorker());
  } catch {
    await runInline(jobs, options, results);
    return {results, threads: 0};
  }

  /** One slot: a thread reading files one at a time, replaced by a fresh one when it dies or is stopped. */
  const slot = () =>
    new Promise<void>((resolve) => {
      let counted = false;
      const spawn = (): void => {
        const worker = startWorker(script, heapMb);
        if (options.book) worker.postMessage({type: "book", book: options.book} satisfies PoolMessage);
        live.add(worker);
        let ready = false;
        let read = 0;
        let current: {job: StageJob; retried: boolean; started: number; timer: NodeJS.Timeout} | null = null;
        let ended = false;
        const end = (replace: boolean) => {
          if (ended) return;
          ended = true;
          if (current) clearTimeout(current.timer);
          current = null;
          live.delete(worker);
          void worker.terminate();
          if (replace && queue.length) spawn();
          else resolve();
        };
        const next = () => {
          const item = queue.shift();
          if (!item) return end(false);
          options.onStart?.(item.job);
          const timer = setTimeout(() => {
            if (!current) return;
            const limit = Math.round(timeLimit(current.job.file.size) / 1000);
            results.set(current.job.index, failed(current.job, `读取超过 ${limit} 秒仍未完成，已中止；文件可能已损坏或是恶意构造的`, current.started));
            end(true);
          }, timeLimit(item.job.file.size));
          current = {...item, started: Date.now(), timer};
          worker.postMessage({type: "job", job: item.job} satisfies PoolMessage);
        };
        /** The thread died while reading `current`: try once more on a fresh thread if others were read before, else report. */
        const died = (why: string) => {
          if (!current) return end(queue.length > 0);
          const {job, retried, started} = current;
          if (read > 0 && !retried) queue.unshift({job, retried: true});
          else results.set(job.index, failed(job, why, started));
          end(true);
        };
        worker.on("message", (m: WorkerMessage) => {
          if (m.type === "ready") {
            ready = true;
            if (!counted) (counted = true), threads++;
            next();
          } else if (m.type === "rows") options.onRows?.(byIndex.get(m.index)!, m.rows, m.total);
          else {
            if (current) clearTimeout(current.timer);
            current = null;
            read++;
            results.set(m.index, m.result);
            next();
          }
        });
        worker.on("error", (error: Error & {code?: string}) => {
          if (!ready) {
            unavailable = true;
            return end(false);
          }
          const size = current ? sizeText(current.job.file.size) : "";
          died(
            error.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `读取时内存超出上限（${heapMb} MB）：文件展开后的内容与其大小（${size}）不相称，可能已损坏或是恶意构造的；未读取`
              : `读取失败（读取线程出错：${error.message}）`
          );
        });
        worker.on("exit", (code) => {
          if (!ended && ready) died(`读取线程意外退出（退出码 ${code}），本文件未导入`);
          else if (!ended) {
            unavailable = true;
            end(false);
          }
        });
      };
      spawn();
    });

  try {
    await Promise.all(Array.from({length: count}, slot));
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  if (unavailable) await runInline(jobs, options, results);
  return {results, threads};
}
