/**
 * Vitest global setup for the end-to-end tests: names one temporary folder for the run's shared sample site
 * (test/e2e/site.ts builds it there on first use) and removes it, with the copy of src/ it builds from, at the end.
 * Nothing is built here, so a run of unit tests alone costs nothing.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {TestProject} from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    siteWork: string;
  }
}

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), "chengguan-site-"));
  project.provide("siteWork", work);
  return () => {
    const rootFile = join(work, "root.txt");
    if (existsSync(rootFile)) rmSync(readFileSync(rootFile, "utf-8"), {recursive: true, force: true});
    rmSync(work, {recursive: true, force: true});
  };
}
