import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Manifest } from "../../scripts/sample/emit.ts";
import { MANIFEST_FILE } from "../../scripts/sample/generate.ts";

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `cg-sample-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** All files under dir, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * generateSample in a child process (the sample CLI), returning the manifest it writes. Generating 24 months takes
 * minutes on a busy machine: done on the test's own thread, it blocks the event loop so long that vitest's messages
 * to its workers time out and the run fails with an unhandled error.
 */
export async function generateSampleAsync(o: { out: string; until: { year: number; month: number }; seed?: number; scale?: number }): Promise<Manifest> {
  const until = `${o.until.year}-${String(o.until.month).padStart(2, "0")}`;
  const args = ["--import", "tsx", "scripts/sample/cli.ts", "--out", o.out, "--until", until, "--quiet"];
  if (o.seed !== undefined) args.push("--seed", String(o.seed));
  if (o.scale !== undefined) args.push("--scale", String(o.scale));
  await promisify(execFile)(process.execPath, args, { cwd: resolve(import.meta.dirname, "../.."), maxBuffer: 1 << 26 });
  return JSON.parse(readFileSync(join(o.out, MANIFEST_FILE), "utf8")) as Manifest;
}
