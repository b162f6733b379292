/**
 * The query engine of a page, loaded in the background after the first paint. A page draws its first view from
 * build-time results (query.ts `Prerendered`); a view that was not prerendered waits for the engine, and while it
 * waits the page's status line says "查询引擎加载中". `<html data-engine>` is "loading", "ready" or "failed", for
 * tests and the bench; `?prerender=off` in the URL makes every view wait for the engine (to compare the two).
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
   * status line shows the wait.
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
 * An engine that opens with `open()` after the first paint (or earlier, when a view needs it). Pages that show
 * nothing without it (自助分析) call `db()` at once.
 */
export function lazyEngine<D extends Db>(open: () => Promise<D>): Engine<D> {
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
  afterFirstPaint().then(() => db().catch(() => {}));
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
    view: <V>(prerendered: Record<string, V>, key: string, compute: (db: D) => Promise<V>): Promise<V> =>
      !prerenderOff && Object.hasOwn(prerendered, key) ? Promise.resolve(prerendered[key]) : run(compute)
  };
}
