import {fileURLToPath} from "node:url";
import {defineConfig} from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {"npm:@observablehq/duckdb": fileURLToPath(new URL("./test/stubs/observablehq-duckdb.ts", import.meta.url))}
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/e2e/site-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    fileParallelism: true
  }
});
