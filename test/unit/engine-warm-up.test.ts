// @vitest-environment jsdom
import {expect, test} from "vitest";
import {lazyEngine} from "../../src/components/engine.ts";
import type {Db, Row} from "../../src/components/query.ts";

function recordingDb(): Db & {sent: string[]} {
  const sent: string[] = [];
  return {sent, query: async (sql: string) => (sent.push(sql), [{sql}] as Row[])};
}

const until = async (check: () => boolean, ms = 2000) => {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > ms) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

test("once the engine is ready and the page idle, the prerendered view is computed again, then the page's warm-up", async () => {
  const db = recordingDb();
  const engine = lazyEngine(async () => db, {warmUp: async (d) => Promise.all([d.query("filtered a"), d.query("filtered b")])});
  expect(await engine.view({"": 42}, "", async (d) => (await d.query("prerendered view")).length)).toBe(42);
  await until(() => db.sent.length === 3);
  // one at a time, in order (the warm-up gives way to the reader between queries)
  expect(db.sent).toEqual(["prerendered view", "filtered a", "filtered b"]);
});

test("a page's warm-up that fails leaves the engine serving the reader", async () => {
  const db = recordingDb();
  const engine = lazyEngine(async () => db, {warmUp: async () => Promise.reject(new Error("no such table"))});
  await until(() => document.documentElement.dataset.engine === "ready");
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await engine.run(async (d) => d.query("the reader's query"))).toEqual([{sql: "the reader's query"}]);
  expect(engine.status.textContent).toBe("");
});
