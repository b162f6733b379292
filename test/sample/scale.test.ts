import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../scripts/sample/emit.ts";
import { SOURCES } from "../../loaders/schema/index.ts";
import { readExport } from "../../scripts/sample/reader.ts";
import { generateSampleAsync, removeDir, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const until = { year: 2024, month: 2 };
const run = async (scale: number) => {
  const out = tempDir(`scale${scale}`);
  dirs.push(out);
  return { out, manifest: await generateSampleAsync({ out, until, scale }) };
};
const hash = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

describe("sample --scale", () => {
  let one: { out: string; manifest: Manifest };
  let three: { out: string; manifest: Manifest };
  beforeAll(async () => {
    [one, three] = await Promise.all([run(1), run(3)]);
  });

  it("multiplies platform and hotline volumes and writes them as CSV", () => {
    for (const source of ["platform", "hotline"] as const) {
      const ratio = three.manifest.records[source]["2024"] / one.manifest.records[source]["2024"];
      expect(ratio, source).toBeGreaterThan(2.6);
      expect(ratio, source).toBeLessThan(3.4);
      for (const f of three.manifest.files.filter((x) => x.source === source)) expect(f.format.startsWith("csv"), f.path).toBe(true);
    }
    expect(three.manifest.records.documents).toEqual(one.manifest.records.documents);
  });

  it("stays deterministic and readable", async () => {
    const again = await run(3);
    for (const f of three.manifest.files) expect(hash(join(again.out, f.path)), f.path).toBe(hash(join(three.out, f.path)));
    const invalid = new Set(three.manifest.invalidRows.map((r) => `${r.path}#${r.row}`));
    const f = three.manifest.files.find((x) => x.source === "platform" && x.month === "2024-01")!;
    const read = readExport(join(three.out, f.path), SOURCES.platform);
    if (read.kind !== "table") throw new Error(read.reason);
    expect(read.rows.length).toBe(f.dataRows);
    for (const r of read.rows) expect(r.ok, `${f.path}#${r.rowNumber} ${r.issues.join("; ")}`).toBe(!invalid.has(`${f.path}#${r.rowNumber}`));
  });
});
