/**
 * Work that several test files need and that costs minutes (the shared sample site, a generated sample), done once per
 * `npm test` in the run's temporary folder (vitest's global setup, test/e2e/site-setup.ts). Test files run in parallel
 * processes: the first to ask does the work under a lock (an exclusive mkdir), the others wait for its result file
 * (or its failure file, whose text they throw).
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {inject} from "vitest";

/**
 * The result of `make(folder)` for `name`, made once per run in `folder` (a fresh folder under the run's temporary
 * folder) and shared as JSON. Rejects with the maker's error, in every process that asked.
 */
export async function oncePerRun<T>(name: string, make: (folder: string) => Promise<T>): Promise<T> {
  const work = inject("siteWork");
  const folder = join(work, name);
  const ready = join(work, `${name}.json`);
  const failed = join(work, `${name}.failed.txt`);
  let maker = false;
  try {
    mkdirSync(folder);
    maker = true;
  } catch {
    maker = false;
  }
  if (maker) {
    try {
      const result = await make(folder);
      writeFileSync(ready, JSON.stringify(result));
      return result;
    } catch (error) {
      writeFileSync(failed, String((error as Error).stack ?? error));
      throw error;
    }
  }
  for (;;) {
    if (existsSync(ready)) return JSON.parse(readFileSync(ready, "utf-8")) as T;
    if (existsSync(failed)) throw new Error(`${name} failed in another test file:\n${readFileSync(failed, "utf-8")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
