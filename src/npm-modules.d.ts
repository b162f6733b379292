// Types for the `npm:` specifiers that Framework resolves from its (offline-filled) npm cache.
declare module "npm:@observablehq/plot" {
  export * from "@observablehq/plot";
}
declare module "npm:d3" {
  export * from "d3";
}
declare module "npm:arquero" {
  export * from "arquero";
}
declare module "npm:apache-arrow" {
  export * from "apache-arrow";
}
declare module "npm:htl" {
  export * from "htl";
}
declare module "npm:@observablehq/inputs" {
  export function select<T>(data: readonly T[], options?: {label?: string; value?: T; format?: (d: T) => string}): HTMLElement & {value: T};
}
declare module "npm:@e965/xlsx" {
  export * from "@e965/xlsx";
}
declare module "npm:@observablehq/duckdb" {
  import type {Table} from "apache-arrow";
  import type {AsyncDuckDB} from "@duckdb/duckdb-wasm";
  export class DuckDBClient {
    readonly _db: AsyncDuckDB;
    static of(sources?: Record<string, unknown>, config?: Record<string, unknown>): Promise<DuckDBClient>;
    query(query: string, params?: unknown[]): Promise<Table>;
    sql(strings: TemplateStringsArray, ...args: unknown[]): Promise<Table>;
    describeTables(): Promise<{name: string}[]>;
    describeColumns(options: {table: string}): Promise<{name: string; type: string; nullable: boolean; databaseType: string}[]>;
  }
}
declare module "npm:h3-js" {
  export * from "h3-js";
}
