import {fileURLToPath} from "node:url";
import {defineConfig} from "vitest/config";
import SharedSiteFirst from "./test/sequencer.ts";

export default defineConfig({
  resolve: {
    // Framework's `npm:` imports resolve to the same packages installed here, so components render in tests (jsdom)
    alias: [
      {find: "npm:@observablehq/duckdb", replacement: fileURLToPath(new URL("./test/stubs/observablehq-duckdb.ts", import.meta.url))},
      {find: /^npm:(.*)$/, replacement: "$1"}
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/e2e/site-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    fileParallelism: true,
    // vitest's default on 2 cores is one worker; most files wait on child processes or Chromium, so two files at a
    // time finish the run sooner (measured in the README's Tests section)
    maxWorkers: 2,
    minWorkers: 1,
    sequence: {sequencer: SharedSiteFirst}
  }
});
