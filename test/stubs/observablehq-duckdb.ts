/**
 * Stands in for Framework's `npm:@observablehq/duckdb` (served by Framework, not installed) so that unit tests can
 * import the pages' query modules for their pure functions; any use of the client itself throws.
 */
export class DuckDBClient {
  static of(): never {
    throw new Error("DuckDB-WASM is not available in unit tests");
  }
}
