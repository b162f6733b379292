import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromIPC} from "apache-arrow";
import {expect, test} from "vitest";
import {partsToArrowStreams, queryToArrowStream} from "../../loaders/publish/arrow.ts";

const connect = async () => (await DuckDBInstance.create(":memory:")).connect();

test("columns get the narrowest type that holds them", async () => {
  const con = await connect();
  const bytes = await queryToArrowStream(con, `SELECT 'a' || (i % 3) AS few, 'k' || i AS many, i::INTEGER AS small, (i * 1000)::INTEGER AS big, i % 2 = 0 AS even, i::BIGINT AS wide
    FROM range(300) t(i)`);
  const table = tableFromIPC(bytes);
  const type = (name: string) => String(table.schema.fields.find((f) => f.name === name)!.type);
  expect(type("few")).toBe("Dictionary<Int8, Utf8>");
  expect(type("many")).toBe("Dictionary<Int16, Utf8>");
  expect(type("small")).toBe("Int16");
  expect(type("big")).toBe("Int32");
  expect(type("even")).toBe("Bool");
  expect(type("wide")).toBe("Float64");
  expect(table.numRows).toBe(300);
  expect(table.get(299)!.toJSON()).toEqual({few: "a2", many: "k299", small: 299, big: 299000, even: false, wide: 299});
});

test("an empty result keeps its columns", async () => {
  const con = await connect();
  const table = tableFromIPC(await queryToArrowStream(con, "SELECT 'x' AS name, 1::INTEGER AS n WHERE false"));
  expect(table.numRows).toBe(0);
  expect(table.schema.fields.map((f) => f.name)).toEqual(["name", "n"]);
});

test("dates must be published as text or numbers", async () => {
  const con = await connect();
  await expect(queryToArrowStream(con, "SELECT DATE '2024-01-01' AS d")).rejects.toThrow(/cast dates/);
});

test("nulls, every published kind and the query's order survive", async () => {
  const con = await connect();
  const table = tableFromIPC(
    await queryToArrowStream(
      con,
      `SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || (i % 3) END AS s, CASE WHEN i % 5 = 0 THEN NULL ELSE i END::INTEGER AS n,
         CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END AS b, i / 4 AS d, (i * 10)::HUGEINT AS h, (i / 8)::DECIMAL(9, 3) AS dec,
         NULL::VARCHAR AS none, (-i)::BIGINT AS neg, 'a"b''c' AS "odd ""name"""
       FROM range(5000) t(i) ORDER BY i DESC`
    )
  );
  expect(table.numRows).toBe(5000);
  const row = (i: number) => table.get(4999 - i)!.toJSON();
  expect(row(0)).toEqual({s: null, n: null, b: null, d: 0, h: 0, dec: 0, none: null, neg: 0, 'odd "name"': 'a"b\'c'});
  expect(row(4097)).toEqual({s: "v2", n: 4097, b: false, d: 1024.25, h: 40970, dec: 512.125, none: null, neg: -4097, 'odd "name"': 'a"b\'c'});
  expect(table.getChild("s")!.nullCount).toBe(1250);
  expect(table.getChild("n")!.nullCount).toBe(1000);
  expect(String(table.getChild("none")!.type)).toBe("Dictionary<Int8, Utf8>");
  expect(table.getChild("none")!.nullCount).toBe(5000);
});

test("an ENUM column is published as its strings", async () => {
  const con = await connect();
  const table = tableFromIPC(await queryToArrowStream(con, "SELECT x::ENUM('b', 'a') AS e FROM (VALUES ('a'), ('b'), (NULL)) t(x)"));
  expect(table.toArray().map((r) => r.e)).toEqual(["a", "b", null]);
});

test("a result split into parts: each part in its order, with its own dictionary, and an empty part keeps its columns", async () => {
  const con = await connect();
  const streams = await partsToArrowStreams(
    con,
    "SELECT CASE WHEN i < 6 THEN 'p''1' ELSE 'p2' END AS part, 'v' || i AS v, i::INTEGER AS n FROM range(10) t(i)",
    "part",
    ["p'1", "p2", "p3"],
    "n DESC"
  );
  const part = (p: string) => tableFromIPC(streams.get(p)!);
  expect(part("p'1").toArray().map((r) => r.toJSON())).toEqual([5, 4, 3, 2, 1, 0].map((i) => ({v: `v${i}`, n: i})));
  expect(part("p2").toArray().map((r) => r.v)).toEqual(["v9", "v8", "v7", "v6"]);
  expect(part("p2").getChild("v")!.data[0].dictionary!.toArray()).toEqual(["v6", "v7", "v8", "v9"]);
  expect(part("p3").numRows).toBe(0);
  expect(part("p3").schema.fields.map((f) => f.name)).toEqual(["v", "n"]);
  expect([...streams.keys()]).toEqual(["p'1", "p2", "p3"]);
});

test("the session is left as it was: no staged table or type remains", async () => {
  const con = await connect();
  await queryToArrowStream(con, "SELECT 'x' AS s, NULL::VARCHAR AS t");
  await expect(queryToArrowStream(con, "SELECT DATE '2024-01-01' AS d, 'x' AS s")).rejects.toThrow(/cast dates/);
  const left = (await con.runAndReadAll("SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'publish_result%') + (SELECT count(*) FROM duckdb_types() WHERE type_name LIKE 'publish_result%')")).getRows()[0][0];
  expect(Number(left)).toBe(0);
});
