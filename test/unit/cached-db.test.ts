import {expect, test} from "vitest";
import {cachedDb, type Db, type Row} from "../../src/components/query.ts";

/** An engine that answers `SELECT n` with n rows and counts the queries it ran; `FAIL` rejects. */
function countingDb() {
  const ran: string[] = [];
  const db: Db & {tag: string} = {
    tag: "engine",
    async query(sql: string, params: unknown[] = []): Promise<Row[]> {
      ran.push(`${sql} ${JSON.stringify(params)}`);
      if (sql === "FAIL") throw new Error("no such table");
      const n = Number(sql.split(" ")[1]);
      return Array.from({length: n}, (_, i) => ({i, p: params[0] ?? null}));
    }
  };
  return {db, ran};
}

test("the same SQL and parameters are answered once; other parameters are queried", async () => {
  const {db, ran} = countingDb();
  const cached = cachedDb(db);
  expect(cached.tag).toBe("engine");
  expect(await cached.query("SELECT 2", ["a"])).toEqual([{i: 0, p: "a"}, {i: 1, p: "a"}]);
  expect(await cached.query("SELECT 2", ["a"])).toEqual([{i: 0, p: "a"}, {i: 1, p: "a"}]);
  await cached.query("SELECT 2", ["b"]);
  expect(ran).toEqual(['SELECT 2 ["a"]', 'SELECT 2 ["b"]']);
});

test("each caller gets its own rows: changing them does not change what the next caller gets", async () => {
  const cached = cachedDb(countingDb().db);
  const first = await cached.query("SELECT 1");
  first[0].i = 99;
  first.push({i: 5});
  expect(await cached.query("SELECT 1")).toEqual([{i: 0, p: null}]);
});

test("a failed query is not kept: the next call asks the engine again", async () => {
  const {db, ran} = countingDb();
  const cached = cachedDb(db);
  await expect(cached.query("FAIL")).rejects.toThrow("no such table");
  await expect(cached.query("FAIL")).rejects.toThrow("no such table");
  expect(ran.length).toBe(2);
});

test("past maxRows the least recently used results are dropped", async () => {
  const {db, ran} = countingDb();
  const cached = cachedDb(db, {maxRows: 5});
  await cached.query("SELECT 2", ["a"]);
  await cached.query("SELECT 2", ["b"]);
  await cached.query("SELECT 2", ["a"]); // a is now the most recently used
  await cached.query("SELECT 3", ["c"]); // 7 rows kept: b goes
  await cached.query("SELECT 2", ["a"]);
  await cached.query("SELECT 2", ["b"]);
  expect(ran).toEqual(['SELECT 2 ["a"]', 'SELECT 2 ["b"]', 'SELECT 3 ["c"]', 'SELECT 2 ["b"]']);
});
