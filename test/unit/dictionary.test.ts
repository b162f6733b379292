import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DICTIONARY_PATH, renderDictionary } from "../../scripts/dictionary.ts";

describe("data dictionary", () => {
  it("is committed exactly as `npm run dictionary` generates it", () => {
    const committed = readFileSync(new URL(`../../${DICTIONARY_PATH}`, import.meta.url), "utf8");
    // When this fails after a schema or code-list change, run `npm run dictionary` and commit the result.
    expect(committed).toBe(renderDictionary());
  });

  it("documents every source, field and code list", () => {
    const md = renderDictionary();
    for (const f of ["case_id", "doc_no", "review_no", "order_no", "record_id", "head_appeared", "satisfaction"]) expect(md).toContain(`\`${f}\``);
    expect(md).toContain("411002004");
    expect(md).toContain("露天烧烤");
  });
});
