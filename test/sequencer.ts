/**
 * The order in which `npm test` hands test files to its two workers (vitest.config.ts), so that the run's shared
 * sample site (test/e2e/site.ts, about 6 minutes to generate, ingest and build on 2 cores) is built by one worker
 * while the other runs the files that do not need it:
 *
 * 1. the one file that uses the shared site and does the most after it (test/e2e/pages.test.ts), which builds it;
 * 2. every file that does not use the shared site, longest first (vitest's cache of durations, else the larger file);
 * 3. the other files that use the shared site, by the same rule.
 *
 * Vitest's own order (failed, then longest, then larger file first) would put several shared-site files at the front,
 * and the second worker would wait for the build instead of working.
 */
import {readFileSync} from "node:fs";
import {BaseSequencer, type TestSpecification} from "vitest/node";

/** The file whose beforeAll builds the shared site; it has the most browser work after the build. */
const SITE_BUILDER = "test/e2e/pages.test.ts";

function usesSharedSite(file: string): boolean {
  return /\bsharedSite\(/.test(readFileSync(file, "utf-8"));
}

export default class SharedSiteFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const builder = sorted.filter((f) => f.moduleId.endsWith(SITE_BUILDER));
    const rest = sorted.filter((f) => !builder.includes(f));
    const independent = rest.filter((f) => !usesSharedSite(f.moduleId));
    const dependent = rest.filter((f) => usesSharedSite(f.moduleId));
    return [...builder, ...independent, ...dependent];
  }
}
