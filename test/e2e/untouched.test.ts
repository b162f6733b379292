/**
 * `npm test` leaves the checkout's dist/, data/ and src/ as they were: a maintainer who runs the tests and then copies
 * dist/ to the server must not publish the tests' sample. The fingerprint is taken by the global setup
 * (test/e2e/site-setup.ts) before any test runs; the end of the run compares it once more.
 */
import {mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, inject, test} from "vitest";
import {checkoutFingerprint, fingerprintChanges} from "./site-setup.ts";
import {sharedSite} from "./site.ts";

describe("the checkout is left as it was", () => {
  test("after the run's shared sample site is built, dist/, data/ and src/ are unchanged", async () => {
    await sharedSite();
    expect(fingerprintChanges(inject("checkoutFingerprint"), checkoutFingerprint())).toEqual([]);
  }, 900_000);

  test("the fingerprint sees a rewritten, added, removed or retouched file, and ignores Framework's cache", () => {
    const base = mkdtempSync(join(tmpdir(), "chengguan-fingerprint-"));
    try {
      mkdirSync(join(base, "dist/_file"), {recursive: true});
      mkdirSync(join(base, "src/.observablehq/cache"), {recursive: true});
      writeFileSync(join(base, "dist/_file/a.json"), "[1]");
      writeFileSync(join(base, "src/index.md"), "# 总览");
      const first = checkoutFingerprint(base);
      expect(first).toContain("data (absent)");
      expect(fingerprintChanges(first, checkoutFingerprint(base))).toEqual([]);

      writeFileSync(join(base, "src/.observablehq/cache/x.json"), "{}");
      expect(fingerprintChanges(first, checkoutFingerprint(base))).toEqual([]);

      writeFileSync(join(base, "dist/_file/a.json"), "[2]"); // same size, another content
      utimesSync(join(base, "dist/_file/a.json"), new Date(2000, 0, 1), new Date(2000, 0, 1));
      const changed = fingerprintChanges(first, checkoutFingerprint(base));
      expect(changed).toHaveLength(2);
      expect(changed.every((l) => l.includes("dist/_file/a.json"))).toBe(true);

      const second = checkoutFingerprint(base);
      writeFileSync(join(base, "dist/b.html"), "");
      rmSync(join(base, "src/index.md"));
      mkdirSync(join(base, "data"));
      const changes = fingerprintChanges(second, checkoutFingerprint(base));
      expect(changes).toHaveLength(4);
      for (const start of ["+ dist/b.html\t0\t", "- src/index.md\t", "+ data/", "- data (absent)"]) expect(changes.some((l) => l.startsWith(start)), start).toBe(true);
    } finally {
      rmSync(base, {recursive: true, force: true});
    }
  });
});
