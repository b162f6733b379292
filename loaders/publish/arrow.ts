/**
 * Query results to Arrow IPC *streams* for the browser: DuckDB-WASM registers the stream
 * format (not the file format). Each column gets the narrowest type that holds it: strings
 * are dictionary-encoded with 8-, 16- or 32-bit indices, integers take 8, 16 or 32 bits,
 * which keeps a million cases small on the wire and fast to group.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {Bool, Dictionary, Float64, Int16, Int32, Int8, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector} from "apache-arrow";

function narrowestInteger(values: readonly unknown[]): Int8 | Int16 | Int32 {
  let min = 0;
  let max = 0;
  for (const v of values) {
    if (v == null) continue;
    const n = v as number;
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return min >= -128 && max <= 127 ? new Int8() : min >= -32768 && max <= 32767 ? new Int16() : new Int32();
}

function dictionaryType(values: readonly unknown[]): Dictionary {
  const distinct = new Set(values).size;
  const index = distinct <= 127 ? new Int8() : distinct <= 32767 ? new Int16() : new Int32();
  return new Dictionary(new Utf8(), index);
}

function typeOf(duckdbType: string, values: readonly unknown[]): DataType {
  if (duckdbType === "VARCHAR") return dictionaryType(values);
  if (duckdbType === "BOOLEAN") return new Bool();
  if (duckdbType === "INTEGER" || duckdbType === "SMALLINT" || duckdbType === "TINYINT") return narrowestInteger(values);
  if (/^(BIGINT|HUGEINT|UBIGINT|UINTEGER|DOUBLE|FLOAT|DECIMAL)/.test(duckdbType)) return new Float64();
  throw new Error(`cannot publish a ${duckdbType} column: cast dates and times to VARCHAR or INTEGER in the query`);
}

export async function queryToTable(con: DuckDBConnection, sql: string): Promise<Table> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  // An empty result has no column arrays; its columns still have to reach the browser.
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const raw = columns[i] ?? [];
    const values = /^(BIGINT|HUGEINT|UBIGINT|DECIMAL)/.test(types[i]) ? raw.map((v) => (v == null ? null : Number(v))) : raw;
    vectors[name] = vectorFromArray(values as unknown[], typeOf(types[i], values));
  });
  return new Table(vectors);
}

export async function queryToArrowStream(con: DuckDBConnection, sql: string): Promise<Uint8Array> {
  return tableToIPC(await queryToTable(con, sql), "stream");
}
