import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../scripts/sample/emit.ts";
import { bundleForNode } from "../../scripts/bench/bundle.ts";
import { generateApart, listFiles, removeDir, tempDir } from "./helpers.ts";

const dirs: string[] = [];
const run = async (label: string, until: { year: number; month: number }, seed?: number, bundle?: string) => {
  const out = tempDir(label);
  dirs.push(out);
  const manifest = await generateApart({ out, until, ...(seed !== undefined ? { seed } : {}), ...(bundle ? { bundle } : {}) });
  return { out, manifest };
};

afterAll(() => dirs.forEach(removeDir));

describe("sample determinism", () => {
  let a: { out: string; manifest: Manifest };
  let b: { out: string; manifest: Manifest };
  beforeAll(async () => {
    const bundleDir = tempDir("bundle");
    dirs.push(bundleDir);
    const bundle = await bundleForNode("scripts/sample/cli.ts", join(bundleDir, "sample-generator.mjs"));
    [a, b] = await Promise.all([run("a", { year: 2023, month: 2 }), run("b", { year: 2023, month: 2 }, undefined, bundle)]);
  });

  it("writes byte-identical files for the same seed, through tsx and as the bench's bundle", () => {
    const files = listFiles(a.out);
    expect(files).toEqual(listFiles(b.out));
    expect(files.some((f) => f.endsWith(".xlsx"))).toBe(true);
    expect(files.some((f) => f.endsWith(".xls"))).toBe(true);
    for (const f of files) expect(readFileSync(join(b.out, f)).equals(readFileSync(join(a.out, f))), f).toBe(true);
  });

  it("does not change earlier months when --until is later", async () => {
    const c = await run("c", { year: 2023, month: 3 });
    for (const f of a.manifest.files) expect(readFileSync(join(c.out, f.path)).equals(readFileSync(join(a.out, f.path))), f.path).toBe(true);
  });

  it("differs for another seed", async () => {
    const d = await run("d", { year: 2023, month: 1 }, 7);
    const f = a.manifest.files.find((x) => x.source === "platform" && x.month === "2023-01")!;
    expect(readFileSync(join(d.out, f.path)).equals(readFileSync(join(a.out, f.path)))).toBe(false);
  });

  it("only removes the files of its previous run when regenerating", async () => {
    const again = await generateApart({ out: a.out, until: { year: 2023, month: 1 } });
    const files = listFiles(a.out);
    expect(files).toContain("sample-manifest.json");
    expect(files.filter((f) => f.includes("2023-02_"))).toEqual([]);
    expect(again.files.length).toBe(7);
  });
});
