import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Manifest } from "../../scripts/sample/emit.ts";
import { MANIFEST_FILE } from "../../scripts/sample/generate.ts";
import { oncePerRun } from "../once-per-run.ts";

const run = promisify(execFile);

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
 * Generates a sample in a child process and returns its manifest. In the test's own process the generation would hold
 * the event loop for a minute on a loaded machine, long enough for vitest's worker RPC to time out.
 */
export async function generateApart(options: { out: string; until: { year: number; month: number }; seed?: number; scale?: number; bundle?: string }): Promise<Manifest> {
  const args = ["--out", options.out, "--until", `${options.until.year}-${String(options.until.month).padStart(2, "0")}`, "--quiet"];
  if (options.seed !== undefined) args.push("--seed", String(options.seed));
  if (options.scale !== undefined) args.push("--scale", String(options.scale));
  // a bundle of the generator (scripts/bench/bundle.ts) runs with plain node, as the bench runs it
  if (options.bundle) await run(process.execPath, [options.bundle, ...args], { maxBuffer: 16 * 1024 * 1024 });
  else await run(resolve("node_modules/.bin/tsx"), ["scripts/sample/cli.ts", ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(readFileSync(join(options.out, MANIFEST_FILE), "utf8")) as Manifest;
}

/**
 * The default sample (default seed and scale) from 2023-01 to `until`, generated once per test run
 * (test/once-per-run.ts) and copied to `out`: a real copy, since a test may move or rewrite its files. Returns the
 * manifest. Several test files read the same months; generating them costs about a minute each time on 2 cores.
 */
export async function sharedSampleCopy(out: string, until: { year: number; month: number }): Promise<Manifest> {
  const key = `${until.year}-${String(until.month).padStart(2, "0")}`;
  const generated = await oncePerRun(`sample-${key}`, async (folder) => {
    const dir = join(folder, "raw");
    await generateApart({ out: dir, until });
    return dir;
  });
  cpSync(generated, out, { recursive: true });
  return JSON.parse(readFileSync(join(out, MANIFEST_FILE), "utf8")) as Manifest;
}

/** Lets the event loop turn between long synchronous steps (reading many files) inside one test hook. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
