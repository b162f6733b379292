import {describe, expect, it} from "vitest";
import {defaultCodeBook} from "../../loaders/codes/index.ts";
import {compileNormalizer} from "../../loaders/normalize.ts";
import {parseDate, parseDateTime} from "../../loaders/parse/dates.ts";
import {parseBoolean, parseInteger, parseNumber} from "../../loaders/parse/numbers.ts";
import {SOURCES} from "../../loaders/schema/index.ts";
import {BOOLEAN_CASES, DATETIME_CASES, EMPTY_CELLS, INTEGER_CASES, INVALID_BOOLEANS, INVALID_DATES, INVALID_NUMBERS, NUMBER_CASES, TWELVE_HOUR_CASES} from "./parse-fixtures.ts";

const book = defaultCodeBook();
type Cell = string | number | boolean | null;

/** One cell in one column of a file of `source`: the compiled normalizer's value and notes for it. */
function compiled(source: keyof typeof SOURCES, field: string, cell: Cell) {
  const normalize = compileNormalizer(SOURCES[source], new Map([[field, 0]]), {book});
  return normalize([cell]);
}

const plain = <T>(p: {ok: true; value: T | null} | {ok: false}) => (p.ok ? p.value : "FAIL");

/** Every parser fixture, with the parser that is the reference and a field of each kind that places rows or not. */
const PARITY: {kind: string; cells: Cell[]; parse: (c: Cell) => unknown; required: [keyof typeof SOURCES, string] | null; optional: [keyof typeof SOURCES, string]}[] = [
  {
    kind: "datetime",
    cells: [...DATETIME_CASES.map((c) => c[0]), ...TWELVE_HOUR_CASES.map((c) => c[0]), ...INVALID_DATES.filter((c) => typeof c !== "boolean"), ...EMPTY_CELLS] as Cell[],
    parse: (c) => plain(parseDateTime(c)),
    required: ["platform", "reported_at"],
    optional: ["platform", "closed_at"]
  },
  {
    kind: "date",
    cells: [...DATETIME_CASES.map((c) => c[0]), ...INVALID_DATES.filter((c) => typeof c !== "boolean"), ...EMPTY_CELLS] as Cell[],
    parse: (c) => plain(parseDate(c)),
    required: ["cases", "filed_on"],
    optional: ["cases", "closed_on"]
  },
  {kind: "number", cells: [...NUMBER_CASES.map((c) => c[0]), ...INVALID_NUMBERS, ...EMPTY_CELLS], parse: (c) => plain(parseNumber(c)), required: null, optional: ["cases", "fine"]},
  {kind: "integer", cells: [...INTEGER_CASES.map((c) => c[0]), ...INVALID_NUMBERS, ...EMPTY_CELLS], parse: (c) => plain(parseInteger(c)), required: null, optional: ["platform", "rework_count"]},
  {kind: "boolean", cells: [...BOOLEAN_CASES.map((c) => c[0]), ...INVALID_BOOLEANS, ...EMPTY_CELLS], parse: (c) => plain(parseBoolean(c)), required: null, optional: ["cases", "legal_review"]}
];

describe("the compiled normalizer reads every parser fixture as the plain parsers do", () => {
  for (const {kind, cells, parse, required, optional} of PARITY) {
    it(`${kind}: ${cells.length} cells, in a field that places the row and in one that does not`, () => {
      for (const cell of cells) {
        const expected = parse(cell);
        const [source, field] = optional;
        const loose = compiled(source, field, cell);
        expect(loose.issues, `${kind} ${String(cell)}`).toEqual([]);
        if (expected === "FAIL") {
          expect(loose.row[field], `${kind} ${String(cell)}`).toBeNull();
          expect(loose.notes?.[0], `${kind} ${String(cell)}`).toMatchObject({kind: "warning", code: `invalid_${kind}:${field}`});
        } else {
          expect(loose.row[field], `${kind} ${String(cell)}`).toBe(expected);
          expect(loose.notes, `${kind} ${String(cell)}`).toBeNull();
        }
        if (!required) continue;
        const strict = compiled(required[0], required[1], cell);
        if (expected === "FAIL") expect(strict.issues.map((i) => i.code), `${kind} ${String(cell)}`).toEqual([`invalid_${kind}:${required[1]}`]);
        else expect(strict.row[required[1]], `${kind} ${String(cell)}`).toBe(expected);
      }
    });
  }
});

describe("identifiers Excel has damaged", () => {
  it("never turn into a record id: the row is rejected with that reason", () => {
    for (const cell of [4.10102199003071e17, 1234567890123456, "4.10102E+17", " 4.1E+17 "]) {
      const n = compiled("platform", "case_id", cell);
      expect(n.issues.map((i) => i.code), String(cell)).toEqual(["damaged_id:case_id"]);
      expect(n.issues[0].message).toContain("Excel");
    }
    expect(compiled("platform", "case_id", 202403050001).row.case_id).toBe("202403050001");
    expect(compiled("platform", "case_id", "2024030500012").row.case_id).toBe("2024030500012");
  });

  it("are recognised however the number was printed: separators, decimals, a decimal comma, the zeros Excel wrote", () => {
    // forms an audit found accepted as ids (2026-12-03): each is a number cell of 16 or more digits as text
    const damaged = ["202,406,030,000,012,000", "202406030000012000", "202406030000012000.0", "2,02406E+17", "202406030000012000".replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), "'202406030000012000", " 2.02406e17 "];
    for (const cell of damaged) expect(compiled("cases", "case_no", cell).issues.map((i) => i.code), cell).toEqual(["damaged_id:case_no"]);
    // and what is not a damaged number: short numbers, 16-17 digits (the last ones may be true zeros), codes with letters
    for (const [cell, kept] of [["2024,06", "2024,06"], ["1,234", "1,234"], ["2024060300000120", "2024060300000120"], ["202406030000012001", "202406030000012001"], ["'2024111100559", "2024111100559"], ["ZW2025021900133", "ZW2025021900133"], ["魏城管立字〔2024〕第101号", "魏城管立字〔2024〕第101号"]]) {
      const n = compiled("cases", "case_no", cell);
      expect(n.issues, cell).toEqual([]);
      expect(n.row.case_no, cell).toBe(kept);
    }
  });

  it("are recognised in person keys too: the key is null and the row kept with a warning", () => {
    for (const cell of ["411,002,199,001,011,000", "411002199001011000.0", "'411002199001011000", "4,11002199001011E+17", "411002199001014000"]) {
      const n = compiled("cases", "party_id", cell);
      expect(n.issues, cell).toEqual([]);
      expect(n.row.party_id, cell).toBeNull();
      expect(n.notes, cell).toEqual([expect.objectContaining({code: "damaged_id:party_id"})]);
    }
    expect(compiled("cases", "party_id", "'11010519491231002X").row.party_id).toBe("11010519491231002X");
  });

  it("never turn into a person key: set to null, with a warning naming the column", () => {
    for (const cell of [410102199003071200, "4.10102E+17", "410102199003071000"]) {
      const n = compiled("cases", "party_id", cell);
      expect(n.issues).toEqual([]);
      expect(n.row.party_id, String(cell)).toBeNull();
      expect(n.notes, String(cell)).toEqual([expect.objectContaining({kind: "warning", code: "damaged_id:party_id", field: "party_id"})]);
    }
    const phone = compiled("hotline", "caller_phone", 1.38123456789e15);
    expect(phone.row.caller_phone).toBeNull();
  });

  it("check the GB 11643 check character and keep the value, with a warning, when it fails", () => {
    expect(compiled("cases", "party_id", "11010519491231002X").notes).toBeNull();
    expect(compiled("cases", "party_id", "41010219900307123X").notes).toEqual([expect.objectContaining({code: "id_check:party_id"})]);
    expect(compiled("cases", "party_id", "410102199003071234").notes).toEqual([expect.objectContaining({code: "id_check:party_id"})]);
    expect(compiled("cases", "party_id", "410102199003071234").row.party_id).toBe("410102199003071234");
    expect(compiled("cases", "party_id", "91411002MA44F5XK3B").row.party_id).toBe("91411002MA44F5XK3B");
    expect(compiled("cases", "party_id", "身份证丢失").notes).toEqual([expect.objectContaining({code: "id_format:party_id"})]);
  });
});
