/**
 * The query engine of a page, loaded in the background after the first paint. A page draws its first view from
 * build-time results (query.ts `Prerendered`); a view that was not prerendered waits for the engine, and while it
 * waits the page's status line says "查询引擎加载中". `<html data-engine>` is "loading", "ready" or "failed", for
 * tests and the bench; `?prerender=off` in the URL makes every view wait for the engine (to compare the two).
 *
 * Once the engine is ready and the page idle, it computes the prerendered view once more and throws the result away,
 * then the page's own warm-up (a view with filters, say): DuckDB-WASM runs a query's code slowly the first few times
 * (its WebAssembly is compiled for speed only once used), and without this the reader's first filter paid for it.
 * On 数字城管案件 at 10^6 cases, a first filter chosen five seconds after the engine was ready took 550 and 563 ms
 * without the warm-up, 264 and 299 ms with it; one chosen at once took 644 and 957 ms without, 549 and 674 ms with
 * (two cold loads each, headless Chromium on 2 cores, 2026-12-02). The filtered view added to it took a first filter
 * chosen 3 and 5 s after ready from a median of 178 and 167 ms to 162 and 150 ms (five cold loads each, 2026-12-03).
 * The warm-up gives way to the reader: see {@link yieldingDb}.
 */
import {whenIdle} from "./idle.js";
import type {Db} from "./query.js";

export interface Engine<D extends Db = Db> {
  /** The database, opening it now if it is not already opening. */
  db(): Promise<D>;
  /** A status line for the page: empty unless a view waits for the engine, or the engine failed. */
  status: HTMLElement;
  /**
   * The view for `key`: the prerendered one when there is one, else `compute(db)` once the engine is ready. The
   * status line shows the wait. The first prerendered view's `compute` also runs once when the engine is ready and
   * the page idle, its result unused (the warm-up above).
   */
  view<V>(prerendered: Record<string, V>, key: string, compute: (db: D) => Promise<V>): Promise<V>;
  /** `compute(db)` once the engine is ready, with the wait shown on the status line. */
  run<V>(compute: (db: D) => Promise<V>): Promise<V>;
}

/** Waits for the first paint to be done and the main thread to be idle once. */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => whenIdle(resolve);
    if (document.readyState === "complete") requestAnimationFrame(() => setTimeout(idle, 0));
    else addEventListener("load", () => requestAnimationFrame(() => setTimeout(idle, 0)), {once: true});
  });
}

/**
 * `db` for work that gives way to the reader's: its queries run one at a time, and each is refused (the promise
 * rejects, which ends the work) once `busy()` says a view of the reader's waits. DuckDB-WASM answers queries in the
 * order they arrive, so work that sent all its queries at once would hold the reader's next view behind all of them;
 * this holds it behind one at most. The other members of `db` (its client) are those of `db`.
 */
export function yieldingDb<D extends Db>(db: D, busy: () => boolean): D {
  let last: Promise<unknown> = Promise.resolve();
  const query = (sql: string, params?: unknown[]) => {
    const next = last.then(() => {
      if (busy()) throw new Error("gave way to the reader's query");
      return db.query(sql, params);
    });
    last = next.catch(() => undefined);
    return next;
  };
  return Object.assign(Object.create(db) as D, {query});
}

/**
 * An engine that opens with `open()` after the first paint (or earlier, when a view needs it). Pages that show
 * nothing without it (自助分析) call `db()` at once. `warmUp` is the page's work for the warm-up, run after the
 * prerendered view's (see above), its result unused: a page whose readers filter computes a filtered view, so that
 * the filters' own code is warm too.
 */
export function lazyEngine<D extends Db>(open: () => Promise<D>, {warmUp: pageWarmUp}: {warmUp?: (db: D) => Promise<unknown>} = {}): Engine<D> {
  const status = document.createElement("span");
  status.className = "engine-status";
  status.setAttribute("role", "status");
  let waiting = 0;
  let failed: unknown = null;
  const show = () => {
    status.textContent = failed ? `查询引擎加载失败：${(failed as Error).message ?? failed}` : waiting > 0 ? "查询引擎加载中，加载完成后按所选条件更新……" : "";
    status.classList.toggle("engine-waiting", waiting > 0);
    status.classList.toggle("engine-failed", failed != null);
  };
  document.documentElement.dataset.engine = "loading";
  // ?prerender=off computes every view in the engine: a check that the build's figures are the engine's
  const prerenderOff = new URLSearchParams(location.search).get("prerender") === "off";
  let opening: Promise<D> | undefined;
  let warmUp: ((db: D) => Promise<unknown>) | null = null;
  const db = (): Promise<D> =>
    (opening ??= open().then(
      (d) => {
        document.documentElement.dataset.engine = "ready";
        return d;
      },
      (error) => {
        failed = error;
        document.documentElement.dataset.engine = "failed";
        show();
        throw error;
      }
    ));
  afterFirstPaint().then(() =>
    db().then(
      (d) =>
        whenIdle(async () => {
          const yielding = yieldingDb(d, () => waiting > 0);
          try {
            for (const work of [warmUp, pageWarmUp]) await work?.(yielding);
          } catch {
            // it gave way to the reader (or failed, as the reader's own query will say)
          }
        }),
      () => {}
    )
  );
  const run = async <V>(compute: (db: D) => Promise<V>): Promise<V> => {
    waiting++;
    show();
    try {
      return await compute(await db());
    } finally {
      waiting--;
      show();
    }
  };
  return {
    db,
    status,
    run,
    view: <V>(prerendered: Record<string, V>, key: string, compute: (db: D) => Promise<V>): Promise<V> => {
      if (prerenderOff || !Object.hasOwn(prerendered, key)) return run(compute);
      warmUp ??= compute;
      return Promise.resolve(prerendered[key]);
    }
  };
}
