import fs from "node:fs";
import {describe, expect, it} from "vitest";
import {INGEST_NODE_FLAGS} from "../../loaders/stage-pool.ts";

describe("ingest command", () => {
  it("npm run ingest starts node with the ingest's flags", () => {
    const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as {scripts: Record<string, string>}).scripts;
    expect(scripts.ingest).toBe(`node ${INGEST_NODE_FLAGS.join(" ")} loaders/cli.ts`);
  });
});
