/**
 * Runs `task` in a task of its own once the main thread is idle, or after `timeout` ms at the latest; where the
 * browser has no requestIdleCallback (Safari), after 50 ms. For work a page can put off until what the reader sees
 * first is painted: the query engine's start (engine.ts), charts below the window (fit-width.ts).
 */
export function whenIdle(task: () => void, timeout = 500): void {
  const idle = (globalThis as {requestIdleCallback?: (callback: () => void, options: {timeout: number}) => number}).requestIdleCallback;
  if (idle) idle(() => task(), {timeout});
  else setTimeout(task, 50);
}
