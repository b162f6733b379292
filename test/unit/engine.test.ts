import {expect, test} from "vitest";
import {yieldingDb} from "../../src/components/engine.ts";
import type {Db, Row} from "../../src/components/query.ts";

/** A database that answers after `ms`, recording the order queries started in. */
function slowDb(ms: number): Db & {started: string[]; client: string} {
  const started: string[] = [];
  return {
    started,
    client: "the engine's client",
    query: (sql: string) => {
      started.push(sql);
      return new Promise<Row[]>((resolve) => setTimeout(() => resolve([{sql}]), ms));
    }
  };
}

test("a yielding database runs its queries one at a time and keeps the database's other members", async () => {
  const db = slowDb(5);
  const yielding = yieldingDb(db, () => false);
  expect(yielding.client).toBe("the engine's client");
  const answers = Promise.all(["a", "b", "c"].map((sql) => yielding.query(sql)));
  await new Promise((resolve) => setTimeout(resolve, 1));
  expect(db.started).toEqual(["a"]);
  expect(await answers).toEqual([[{sql: "a"}], [{sql: "b"}], [{sql: "c"}]]);
  expect(db.started).toEqual(["a", "b", "c"]);
});

test("a yielding database refuses the queries still to run once the reader's work waits", async () => {
  const db = slowDb(5);
  let readerWaits = false;
  const yielding = yieldingDb(db, () => readerWaits);
  const outcomes = ["a", "b", "c"].map((sql) => yielding.query(sql).then((rows) => rows, (error: Error) => error.message));
  await new Promise((resolve) => setTimeout(resolve, 1));
  // the reader's view asks while the first query runs
  readerWaits = true;
  expect(await Promise.all(outcomes)).toEqual([[{sql: "a"}], "gave way to the reader's query", "gave way to the reader's query"]);
  expect(db.started).toEqual(["a"]);
});
