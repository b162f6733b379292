import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {
  coarsenAddress,
  compileAnonymizer,
  loadSalt,
  looksLikeOrganization,
  maskName,
  saltedHash,
  saltedHasher,
  scrubText
} from "../../loaders/anonymize.ts";
import {idCheckChar, isValidUscc, SOURCES, usccCheckChar} from "../../loaders/schema/index.ts";

const ID = "41100219900101123" + idCheckChar("41100219900101123");
const USCC = "91411002MA44XCJ81" + usccCheckChar("91411002MA44XCJ81");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anon-test-"));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

describe("anonymize: names", () => {
  it.each([
    ["张三", "张某"],
    ["王建国", "王某"],
    ["欧阳娜娜", "欧阳某"],
    ["司马光", "司马某"],
    [" 李四 ", "李某"]
  ])("%s -> %s", (name, masked) => expect(maskName(name)).toBe(masked));

  it("tells organizations from persons by name", () => {
    expect(looksLikeOrganization("许昌市魏都区聚福烧烤店")).toBe(true);
    expect(looksLikeOrganization("许昌鑫源建筑工程有限公司")).toBe(true);
    expect(looksLikeOrganization("张建国")).toBe(false);
    expect(looksLikeOrganization("欧阳娜娜")).toBe(false);
  });
});

describe("anonymize: free text", () => {
  it("removes ID-card and phone numbers", () => {
    const text = `市民张先生反映：五一路126号占道经营，联系电话13812345678，身份证${ID}，座机0374-1234567。`;
    const out = scrubText(text);
    expect(out).not.toMatch(new RegExp(`13812345678|${ID}|1234567`));
    expect(out).toContain("[电话]");
    expect(out).toContain("[身份证号]");
    expect(out).toContain("五一路126号");
  });

  it("recognizes numbers with separators and country code", () => {
    expect(scrubText("电话 138-1234-5678 或 +86 139 0000 1111")).toBe("电话 [电话] 或 [电话]");
  });

  it("removes ID and phone numbers however they are written: spaces, dashes, dots, full-width digits, a mix", () => {
    const id = "41100219900101123X";
    const spellings = [
      "411002 19900101 123X",
      "411002-19900101-123X",
      "4110 0219 9001 0112 3X",
      "４１１００２１９９００１０１１２３Ｘ",
      "４１１００２ 1990０１０１－123x",
      "411002 - 19900101 - 123X"
    ];
    for (const written of spellings) {
      const out = scrubText(`当事人身份证号${written}，拒不整改`);
      expect(out, written).toBe("当事人身份证号[身份证号]，拒不整改");
    }
    expect(scrubText(`旧证${id.slice(0, 6)}${id.slice(8, 17)}`)).toBe("旧证[身份证号]");
    for (const written of ["138 1234 5678", "138-1234-5678", "138.1234.5678", "１３８１２３４５６７８", "１３８－１２３４－５６７８", "+86 138 1234 5678", "0086-13812345678", "1 3 8 1 2 3 4 5 6 7 8"]) {
      expect(scrubText(`联系${written}。`), written).toBe("联系[电话]。");
    }
    expect(scrubText("座机（０３７４）１２３４５６７，或 0374 - 1234567")).toBe("座机[电话]，或 [电话]");
  });

  it("keeps case numbers, dates and amounts", () => {
    const text = "案卷WD2024030500123于2024年3月5日结案，罚款500元，编号20240305";
    expect(scrubText(text)).toBe(text);
  });

  it("masks the given person names", () => {
    expect(scrubText("当事人王建国在店外经营，王建国拒不整改", ["王建国"])).toBe("当事人王某在店外经营，王某拒不整改");
  });
});

describe("anonymize: addresses and identifiers", () => {
  it("cuts addresses before the house number", () => {
    expect(coarsenAddress("许昌市魏都区建安大道318号锦华苑5号楼2单元601")).toBe("许昌市魏都区建安大道");
    expect(coarsenAddress("许昌市魏都区西大街道德科苑社区12号院3号")).toBe("许昌市魏都区西大街道德科苑社区");
    expect(coarsenAddress("许昌市魏都区五一路与建安大道交叉口")).toBe("许昌市魏都区五一路与建安大道交叉口");
    expect(coarsenAddress("12号")).toBeNull();
  });
});

describe("anonymize: salt", () => {
  it("prefers CHENGGUAN_SALT", () => {
    const s = loadSalt(path.join(dir, "a", "warehouse"), {CHENGGUAN_SALT: "secret"});
    expect(s.value).toBe("secret");
    expect(s.origin).toBe("$CHENGGUAN_SALT");
    expect(fs.existsSync(path.join(dir, "a", ".salt"))).toBe(false);
  });

  it("creates .salt beside the warehouse once and reuses it", () => {
    const a = loadSalt(path.join(dir, "b", "warehouse"), {});
    const file = path.join(dir, "b", ".salt");
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(a.value).toMatch(/^[0-9a-f]{64}$/);
    const b = loadSalt(path.join(dir, "b", "warehouse"), {});
    expect(b.value).toBe(a.value);
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it("hashes deterministically per salt", () => {
    expect(saltedHash("s", "phone", "13812345678")).toBe(saltedHash("s", "phone", "13812345678"));
    expect(saltedHash("s", "phone", "13812345678")).not.toBe(saltedHash("t", "phone", "13812345678"));
    expect(saltedHash("s", "phone", "13812345678")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("gives the HMAC's tokens when computed from the padded key, for short, block-sized, long and non-ASCII salts", () => {
    const salts = ["s", "a".repeat(64), "b".repeat(65), "盐".repeat(30), crypto.randomBytes(32).toString("hex")];
    const values = ["13812345678", "", "410102199001011234", "中文\u0000值", "x".repeat(500)];
    for (const salt of salts) {
      const hash = saltedHasher(salt);
      for (const value of values) for (const kind of ["id", "phone"]) expect(hash(kind, value), `${salt} ${value}`).toBe(saltedHash(salt, kind, value));
    }
  });
});

describe("anonymize: rows", () => {
  const anonymizeCase = compileAnonymizer(SOURCES.cases, "salt");
  const base = {
    case_no: "魏城管罚〔2024〕1号",
    party_phone: "13900001111",
    party_address: "许昌市魏都区建安大道318号锦华苑5号楼2单元601",
    location: "许昌市魏都区五一路126号"
  };

  it("masks a natural person and hashes their identifiers", () => {
    const row: Record<string, unknown> = {...base, party_name: "李四", party_type: "natural_person", party_id: ID};
    anonymizeCase(row);
    expect(row.party_name).toBe("李某");
    expect(row.party_id).toBe(saltedHash("salt", "id", ID));
    expect(row.party_phone).toBe(saltedHash("salt", "phone", "13900001111"));
    expect(row.party_address).toBeNull();
    expect(row.location).toBe("许昌市魏都区五一路");
    expect(row.case_no).toBe(base.case_no);
  });

  it("hashes a natural person's ID even when typed as an organization", () => {
    const row: Record<string, unknown> = {...base, party_name: "许昌市魏都区聚福烧烤店", party_type: "organization", party_id: ID};
    anonymizeCase(row);
    expect(row.party_id).toBe(saltedHash("salt", "id", ID));
  });

  it("keeps a legal person's name and credit code", () => {
    const row: Record<string, unknown> = {
      ...base,
      party_name: "许昌市魏都区聚福烧烤店",
      party_type: "organization",
      party_id: USCC
    };
    expect(isValidUscc(USCC)).toBe(true);
    anonymizeCase(row);
    expect(row.party_name).toBe("许昌市魏都区聚福烧烤店");
    expect(row.party_id).toBe(USCC);
    expect(row.party_phone).not.toBe("13900001111");
  });

  it("scrubs hotline content of the caller's name and number", () => {
    const row: Record<string, unknown> = {
      caller_name: "王建国",
      caller_phone: "13812345678",
      content: "王建国反映五一路占道经营，电话13812345678",
      address: "许昌市魏都区五一路126号"
    };
    compileAnonymizer(SOURCES.hotline, "salt")(row);
    expect(row.caller_name).toBe("王某");
    expect(row.content).toBe("王某反映五一路占道经营，电话[电话]");
    expect(row.address).toBe("许昌市魏都区五一路");
  });
});
