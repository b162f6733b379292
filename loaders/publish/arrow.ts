/**
 * Query results to Arrow IPC *streams* for the browser: DuckDB-WASM registers the stream
 * format (not the file format). Each column gets the narrowest type that holds it: strings
 * are dictionary-encoded with 8-, 16- or 32-bit indices, integers take 8, 16 or 32 bits,
 * which keeps a million cases small on the wire and fast to group.
 *
 * The columns are read from DuckDB's vectors as typed arrays, with strings turned into ENUM codes by DuckDB: the
 * node API's per-value reading (`getColumnsJS`) took 9.1 s of a 12.8 s conversion of 954,603 hotspot cases × 10
 * columns (measured 2026-12-03, 2-core EPYC), and at 10^7 cases it was most of the build.
 */
import duckdb from "@duckdb/node-bindings";
import {DuckDBEnumType, DuckDBTypeId, JSDuckDBValueConverter, type DuckDBConnection, type DuckDBDataChunk, type DuckDBType} from "@duckdb/node-api";
import {Bool, Dictionary, Float64, Int16, Int32, Int8, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, type Vector} from "apache-arrow";

type Kind = "dictionary" | "integer" | "boolean" | "float";

/** How a DuckDB column is published, or why it cannot be. */
function kindOf(type: DuckDBType): Kind {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return "dictionary";
    case DuckDBTypeId.BOOLEAN:
      return "boolean";
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
      return "integer";
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DECIMAL:
      return "float";
    default:
      throw new Error(`cannot publish a ${type.toString()} column: cast dates and times to VARCHAR or INTEGER in the query`);
  }
}

/** A fixed-width DuckDB type's bytes per value and the typed array that reads its vector (ENUMs by their code type). */
const WIDTH: Partial<Record<DuckDBTypeId, [number, new (buffer: ArrayBuffer, offset: number, length: number) => ArrayLike<number | bigint>]>> = {
  [DuckDBTypeId.TINYINT]: [1, Int8Array],
  [DuckDBTypeId.SMALLINT]: [2, Int16Array],
  [DuckDBTypeId.INTEGER]: [4, Int32Array],
  [DuckDBTypeId.UTINYINT]: [1, Uint8Array],
  [DuckDBTypeId.USMALLINT]: [2, Uint16Array],
  [DuckDBTypeId.UINTEGER]: [4, Uint32Array],
  [DuckDBTypeId.BIGINT]: [8, BigInt64Array],
  [DuckDBTypeId.UBIGINT]: [8, BigUint64Array],
  [DuckDBTypeId.FLOAT]: [4, Float32Array],
  [DuckDBTypeId.DOUBLE]: [8, Float64Array],
  [DuckDBTypeId.BOOLEAN]: [1, Uint8Array]
};

/** A column of the rows read so far: enum codes for strings, numbers otherwise, and which rows are null. */
interface Column {
  values: Float64Array | Uint32Array;
  valid: Uint8Array;
  nulls: number;
}

/** Reads a column of every chunk into one array; values at null rows are 0 (DuckDB leaves them undefined). */
function readColumn(chunks: readonly DuckDBDataChunk[], index: number, type: DuckDBType, kind: Kind, rows: number): Column {
  const values = kind === "dictionary" ? new Uint32Array(rows) : new Float64Array(rows);
  const valid = new Uint8Array(rows).fill(1);
  let nulls = 0;
  let at = 0;
  const fixed = WIDTH[type instanceof DuckDBEnumType ? type.internalTypeId : type.typeId];
  for (const chunk of chunks) {
    const n = chunk.rowCount;
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, index);
    const mask = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
    if (fixed) {
      const [width, Array] = fixed;
      const bytes = duckdb.vector_get_data(vector, n * width);
      const items = new Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, n);
      for (let i = 0; i < n; i++) {
        const item = items[i];
        values[at + i] = typeof item === "bigint" ? Number(item) : item;
      }
    } else {
      // HUGEINT and DECIMAL: rare, and small results (sums), read value by value
      const items = chunk.convertColumnValues(index, JSDuckDBValueConverter);
      for (let i = 0; i < n; i++) values[at + i] = items[i] == null ? 0 : Number(items[i]);
    }
    if (mask) {
      for (let i = 0; i < n; i++) {
        if ((mask[i >> 3] >> (i & 7)) & 1) continue;
        valid[at + i] = 0;
        values[at + i] = 0;
        nulls++;
      }
    }
    at += n;
  }
  return {values, valid, nulls};
}

/** Arrow's validity bitmap (bit set = valid, least significant bit first), or undefined when no row is null. */
function nullBitmap({valid, nulls}: Column): Uint8Array | undefined {
  if (nulls === 0) return undefined;
  const bitmap = new Uint8Array(Math.ceil(valid.length / 8));
  for (let i = 0; i < valid.length; i++) if (valid[i]) bitmap[i >> 3] |= 1 << (i & 7);
  return bitmap;
}

function narrowestInteger(values: ArrayLike<number>): Int8 | Int16 | Int32 {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min >= -128 && max <= 127 ? new Int8() : min >= -32768 && max <= 32767 ? new Int16() : new Int32();
}

const INDEX_ARRAY = (type: Int8 | Int16 | Int32) => (type instanceof Int8 ? Int8Array : type instanceof Int16 ? Int16Array : Int32Array);

/**
 * A string column as an Arrow dictionary holding only the values its rows use, in the order of `values` (sorted):
 * the codes are renumbered, so that a part of a result does not carry the whole result's dictionary.
 */
function dictionaryVector(column: Column, values: readonly string[]): Vector {
  const codes = column.values;
  const renumbered = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < codes.length; i++) if (column.valid[i]) renumbered[codes[i]] = 0;
  const used: string[] = [];
  for (let code = 0; code < values.length; code++) if (renumbered[code] === 0) renumbered[code] = used.push(values[code]) - 1;
  const indices = used.length <= 127 ? new Int8() : used.length <= 32767 ? new Int16() : new Int32();
  const data = new (INDEX_ARRAY(indices))(codes.length);
  for (let i = 0; i < codes.length; i++) if (column.valid[i]) data[i] = renumbered[codes[i]];
  const type = new Dictionary(new Utf8(), indices);
  return makeVector(makeData({type, length: codes.length, nullCount: column.nulls, nullBitmap: nullBitmap(column), data, dictionary: vectorFromArray(used, new Utf8())}));
}

function toVector(kind: Kind, column: Column, dictionary: readonly string[]): Vector {
  if (kind === "dictionary") return dictionaryVector(column, dictionary);
  const {values, nulls} = column;
  const length = values.length;
  const bitmap = nullBitmap(column);
  if (kind === "integer") {
    const type = narrowestInteger(values);
    return makeVector(makeData({type, length, nullCount: nulls, nullBitmap: bitmap, data: INDEX_ARRAY(type).from(values)}));
  }
  if (kind === "boolean") {
    const packed = new Uint8Array(Math.ceil(length / 8));
    for (let i = 0; i < length; i++) if (values[i]) packed[i >> 3] |= 1 << (i & 7);
    return makeVector(makeData({type: new Bool(), length, nullCount: nulls, nullBitmap: bitmap, data: packed}));
  }
  return makeVector(makeData({type: new Float64(), length, nullCount: nulls, nullBitmap: bitmap, data: Float64Array.from(values)}));
}

let serial = 0;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A query's rows held in a temp table, with its string columns castable to ENUMs of their distinct values. */
interface Staged {
  table: string;
  names: string[];
  kinds: Kind[];
  /** The select list that reads the table with strings as ENUMs. */
  select: string;
}

/**
 * Runs `sql` into a temp table and creates an ENUM type of each string column's distinct values (sorted), then calls
 * `use` and drops them all. The types go to the session's writable database (the warehouse is attached read-only).
 */
async function staged<T>(con: DuckDBConnection, sql: string, use: (staged: Staged) => Promise<T>): Promise<T> {
  const id = `publish_result_${process.pid}_${serial++}`;
  const [database] = (await con.runAndReadAll("SELECT database_name FROM duckdb_databases() WHERE NOT readonly AND NOT internal AND database_name <> 'temp' ORDER BY database_oid LIMIT 1")).getRows();
  if (!database) throw new Error("no writable database in this DuckDB session for the published columns' ENUM types");
  const typeName = (i: number) => `${quote(String(database[0]))}.main.${quote(`${id}_${i}`)}`;
  const table = `temp.${quote(id)}`;
  const [[ordered]] = (await con.runAndReadAll("SELECT current_setting('preserve_insertion_order')")).getRows();
  if (ordered !== true) throw new Error("publishing reads staged rows in their order: preserve_insertion_order must be on");
  await con.run(`CREATE TEMP TABLE ${quote(id)} AS ${sql}`);
  const created: string[] = [];
  try {
    const described = await con.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
    const names = described.columnNames();
    const kinds = described.columnTypes().map(kindOf);
    const strings = names.filter((_, i) => kinds[i] === "dictionary");
    const counts = new Map<string, number>();
    if (strings.length > 0) {
      const [row] = (await con.runAndReadAll(`SELECT ${strings.map((n) => `count(DISTINCT ${quote(n)})`).join(", ")} FROM ${table}`)).getRows();
      strings.forEach((name, i) => counts.set(name, Number(row[i])));
    }
    const select: string[] = [];
    for (let i = 0; i < names.length; i++) {
      const column = quote(names[i]);
      if (kinds[i] !== "dictionary") {
        select.push(column);
        continue;
      }
      // an ENUM needs a value: a column with none is read as NULLs of a one-value ENUM
      if (counts.get(names[i]) === 0 && !created.includes(typeName(-1))) {
        await con.run(`CREATE TYPE ${typeName(-1)} AS ENUM ('')`);
        created.push(typeName(-1));
      }
      if (counts.get(names[i]) === 0) {
        select.push(`NULL::${typeName(-1)} AS ${column}`);
        continue;
      }
      await con.run(`CREATE TYPE ${typeName(i)} AS ENUM (SELECT DISTINCT ${column}::VARCHAR FROM ${table} WHERE ${column} IS NOT NULL ORDER BY 1)`);
      created.push(typeName(i));
      select.push(`${column}::${typeName(i)} AS ${column}`);
    }
    return await use({table, names, kinds, select: select.join(", ")});
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${table}`);
    for (const type of created.reverse()) await con.run(`DROP TYPE IF EXISTS ${type}`);
  }
}

/** Reads `SELECT <staged.select> FROM <staged.table> <rest>` as an Arrow table, in the staged order (a scan keeps it). */
async function readStaged(con: DuckDBConnection, {table, names, kinds, select}: Staged, rest = ""): Promise<Table> {
  const result = await con.run(`SELECT ${select} FROM ${table} ${rest}`);
  const types = result.columnTypes();
  const chunks: DuckDBDataChunk[] = [];
  let rows = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    chunks.push(chunk);
    rows += chunk.rowCount;
  }
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const type = types[i];
    vectors[name] = toVector(kinds[i], readColumn(chunks, i, type, kinds[i], rows), type instanceof DuckDBEnumType ? type.values : []);
  });
  return new Table(vectors);
}

/**
 * Runs `sql` and returns its result as an Arrow table with the narrowest types (see the module's docstring), in the
 * query's row order. A string column's dictionary holds its distinct values in sort order.
 *
 * @throws for a column of a type the browser's code does not expect (dates, times, lists): cast it in the query
 */
export async function queryToTable(con: DuckDBConnection, sql: string): Promise<Table> {
  return staged(con, sql, (s) => readStaged(con, s));
}

/** {@link queryToTable} as the Arrow IPC stream the browser registers. */
export async function queryToArrowStream(con: DuckDBConnection, sql: string): Promise<Uint8Array> {
  return tableToIPC(await queryToTable(con, sql), "stream");
}

/**
 * One query's rows split by the string column `partColumn` into an Arrow stream per part (without that column),
 * each ordered by `order` (an ORDER BY list) and with only its own strings in its dictionaries. Every part of `parts`
 * gets a stream, an empty one when it has no rows; rows of a part not in `parts` are not published.
 *
 * The strings are made ENUMs once for the whole result, not per part: a query per part costs one scan of the staged
 * rows instead of a dozen statements (28 parts of 954,603 cases took 4.9 s that way, 2026-12-03).
 *
 * @throws as {@link queryToTable}
 */
export async function partsToArrowStreams(con: DuckDBConnection, sql: string, partColumn: string, parts: readonly string[], order: string): Promise<Map<string, Uint8Array>> {
  // staged in part order, so that a part's rows lie together and its scan skips the others' row groups; a scan keeps
  // the staged order (DuckDB's preserve_insertion_order, on by default)
  return staged(con, `SELECT * FROM (${sql}) ORDER BY ${quote(partColumn)}, ${order}`, async (all) => {
    const out = new Map<string, Uint8Array>();
    for (const part of parts) {
      const table = await readStaged(con, all, `WHERE ${quote(partColumn)} = ${sqlString(part)}`);
      out.set(part, tableToIPC(table.select(all.names.filter((n) => n !== partColumn)), "stream"));
    }
    return out;
  });
}

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
