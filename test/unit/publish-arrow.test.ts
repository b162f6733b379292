import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromIPC} from "apache-arrow";
import {expect, test} from "vitest";
import {queryToArrowStream} from "../../loaders/publish/arrow.ts";

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
