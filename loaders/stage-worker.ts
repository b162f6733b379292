import {parentPort} from "node:worker_threads";
import type {CodeBook} from "./codes/index.ts";
import {stageFile, useCodeBook, type StageJob} from "./stage-file.ts";

/** Messages from a staging worker: it is ready, a file's row count so far, or a file's result. */
export type WorkerMessage =
  | {type: "ready"}
  | {type: "rows"; index: number; rows: number; total: number}
  | {type: "done"; index: number; result: ReturnType<typeof stageFile>};

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
/** Messages to a staging worker: the run's code book (once, first), or a file to read. */
export type PoolMessage = {type: "book"; book: CodeBook} | {type: "job"; job: StageJob};

port.on("message", (m: PoolMessage) => {
  if (m.type === "book") return useCodeBook(m.book);
  const {job} = m;
  const result = stageFile(job, (rows, total) => post({type: "rows", index: job.index, rows, total}));
  post({type: "done", index: job.index, result});
});
post({type: "ready"});
