/**
 * Vitest global setup for the end-to-end tests: names one temporary folder for the run's shared sample site
 * (test/e2e/site.ts builds it there on first use) and removes it, with the copy of src/ it builds from, at the end.
 * Nothing is built here, so a run of unit tests alone costs nothing.
 *
 * It also records a fingerprint of the checkout's dist/, data/ and src/ before any test runs, which
 * test/e2e/untouched.test.ts and the benchmark smoke test compare with; at the end of the run it is compared once
 * more, and a difference fails the run (exit code 1), since a test that wrote there may have finished after them.
 */
import {existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import type {TestProject} from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    siteWork: string;
    checkoutFingerprint: string[];
  }
}

/** The shared site's folder under the run's temporary folder; its root.txt names the copy of src/ to remove at the end. */
export const SITE_FOLDER = "site";

/** The folders of the checkout that `npm test` must leave as they were: the site, the data, the sources. */
export const CHECKOUT_FOLDERS = ["dist", "data", "src"];
/** Framework's cache under src/: every build of the checkout rewrites it, and nothing is published from it. */
const IGNORED = new Set(["src/.observablehq"]);

/**
 * One line per entry under `folders` of `base` (default: the current directory), sorted: a file as
 * "path<TAB>size<TAB>mtime in ns", a folder as "path/", a link as "path -> target", a missing folder as
 * "path (absent)". Size and modification time catch any write, as for rsync and make; hashing instead would read
 * a whole warehouse (gigabytes at scale) twice a run. Folders' own times are left out: a file created and removed
 * again leaves the contents as they were.
 */
export function checkoutFingerprint(base = process.cwd(), folders = CHECKOUT_FOLDERS): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      const rel = relative(base, path);
      if (IGNORED.has(rel)) continue;
      if (entry.isSymbolicLink()) lines.push(`${rel} -> ${readlinkSync(path)}`);
      else if (entry.isDirectory()) {
        lines.push(`${rel}/`);
        walk(path);
      } else {
        const stat = lstatSync(path, {bigint: true});
        lines.push(`${rel}\t${stat.size}\t${stat.mtimeNs}`);
      }
    }
  };
  for (const folder of folders) {
    if (existsSync(join(base, folder))) {
      lines.push(`${folder}/`);
      walk(join(base, folder));
    } else lines.push(`${folder} (absent)`);
  }
  return lines.sort();
}

/** What differs between two fingerprints, as "+ line" (new or changed now) and "- line" (gone or changed before). */
export function fingerprintChanges(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const now = new Set(after);
  return [...before.filter((l) => !now.has(l)).map((l) => `- ${l}`), ...after.filter((l) => !was.has(l)).map((l) => `+ ${l}`)];
}

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), "chengguan-site-"));
  const fingerprint = checkoutFingerprint();
  project.provide("siteWork", work);
  project.provide("checkoutFingerprint", fingerprint);
  return () => {
    const rootFile = join(work, SITE_FOLDER, "root.txt");
    if (existsSync(rootFile)) rmSync(readFileSync(rootFile, "utf-8"), {recursive: true, force: true});
    rmSync(work, {recursive: true, force: true});
    const changes = fingerprintChanges(fingerprint, checkoutFingerprint());
    if (changes.length) {
      console.error(`npm test changed the checkout's ${CHECKOUT_FOLDERS.join("/, ")}/ (${changes.length} entries):\n${changes.slice(0, 40).join("\n")}`);
      process.exitCode = 1;
    }
  };
}
