import {expect, test} from "vitest";
import {tsvText} from "../../loaders/bulk.ts";
import {compileStageLine, REJECT_COLUMNS, rejectRow, stageColumns} from "../../loaders/layout.ts";
import {SOURCE_IDS, SOURCES} from "../../loaders/schema/index.ts";

test("a stage line puts every value under its own column, as the bulk writer writes it", () => {
  const tricky: unknown[] = [null, undefined, "", "x\ty\nz\r", "中文，（）", 0, -1.5, 1e21, true, false, "\\N", " lead"];
  for (const id of SOURCE_IDS) {
    const schema = SOURCES[id];
    const names = schema.fields.map((f) => f.name);
    const values = Object.fromEntries(names.map((n, i) => [n, i % 2 ? `value of ${n}` : tricky[i % tricky.length]]));
    const line = compileStageLine(schema, "platform/x\t.csv")(7, values, 12);
    const expected = [7, ...names.map((n) => values[n]), "platform/x\t.csv", 12].map((v) => tsvText(v) ?? "");
    expect(line.split("\t")).toEqual(expected);
    expect(stageColumns(schema).map((c) => c.name)).toEqual(["_seq", ...names, "source_file", "source_row"]);
  }
});

test("a rejects row puts every value under its own column", () => {
  const row = rejectRow({source: "s", file: "f", sheet: "sh", row: 3, recordId: "id", reasonCode: "code", reason: "why", original: "{}"});
  expect(Object.fromEntries(REJECT_COLUMNS.map((c, i) => [c.name, row[i]]))).toEqual({
    source: "s",
    file: "f",
    sheet: "sh",
    row: 3,
    record_id: "id",
    reason_code: "code",
    reason: "why",
    original: "{}"
  });
});
