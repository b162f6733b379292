import { describe, expect, it } from "vitest";
import { isMobileNumber, isValidIdNumber, isValidUscc, orgCodeCheckChar } from "../../loaders/schema/index.ts";
import { idNumber, mobile, uscc } from "../../scripts/sample/people.ts";
import { Rng } from "../../scripts/sample/random.ts";

describe("identifier check digits", () => {
  it("accepts the examples of GB 11643 and GB 32100 and rejects altered ones", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("440524188001010014")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("11010519490231002X")).toBe(false);
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
    expect(orgCodeCheckChar("M000100Y")).toBe("4");
  });

  it("generates valid synthetic ID numbers, credit codes and mobile numbers", () => {
    const rng = new Rng(1, "ids");
    for (let i = 0; i < 2000; i++) {
      const male = rng.chance(0.5);
      const id = idNumber(rng, male);
      expect(isValidIdNumber(id), id).toBe(true);
      expect(Number(id[16]) % 2).toBe(male ? 1 : 0);
      const code = uscc(rng, rng.chance(0.5));
      expect(isValidUscc(code), code).toBe(true);
      expect(isMobileNumber(mobile(rng))).toBe(true);
    }
  });
});
