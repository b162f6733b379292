import type {DuckDBConnection} from "@duckdb/node-api";
import {createTableSql} from "../warehouse.ts";
import type {CodeBook} from "./book.ts";

/**
 * The code lists as the warehouse keeps them, so that SQL shows names for codes and reads what a code means:
 * `codes(list, code, name, parent, position)` and `code_attributes(list, code, attribute, value)` (stage = closed,
 * satisfied = true, …, as text).
 */
export async function writeCodeTables(con: DuckDBConnection, book: CodeBook): Promise<void> {
  await con.run(
    createTableSql("codes", [
      {name: "list", type: "VARCHAR"},
      {name: "code", type: "VARCHAR"},
      {name: "name", type: "VARCHAR"},
      {name: "parent", type: "VARCHAR"},
      {name: "position", type: "INTEGER"}
    ])
  );
  await con.run(
    createTableSql("code_attributes", [
      {name: "list", type: "VARCHAR"},
      {name: "code", type: "VARCHAR"},
      {name: "attribute", type: "VARCHAR"},
      {name: "value", type: "VARCHAR"}
    ])
  );
  const codes = await con.createAppender("codes");
  const attributes = await con.createAppender("code_attributes");
  for (const list of Object.values(book.lists)) {
    list.entries.forEach((e, i) => {
      codes.appendVarchar(list.id);
      codes.appendVarchar(e.code);
      codes.appendVarchar(e.name);
      if (e.parent) codes.appendVarchar(e.parent);
      else codes.appendNull();
      codes.appendInteger(i);
      codes.endRow();
      for (const [k, v] of Object.entries(e.attributes ?? {})) {
        attributes.appendVarchar(list.id);
        attributes.appendVarchar(e.code);
        attributes.appendVarchar(k);
        attributes.appendVarchar(String(v));
        attributes.endRow();
      }
    });
  }
  codes.closeSync();
  attributes.closeSync();
}
