import {expect, test} from "vitest";
import {REJECT_COLUMNS, rejectRow, stageColumns, stageRow} from "../../loaders/layout.ts";
import {SOURCE_IDS, SOURCES} from "../../loaders/schema/index.ts";

test("a stage row puts every value under its own column", () => {
  for (const id of SOURCE_IDS) {
    const schema = SOURCES[id];
    const names = schema.fields.map((f) => f.name);
    const values = Object.fromEntries(names.map((n) => [n, `value of ${n}`]));
    const row = stageRow(names, 7, values, "platform/x.csv", 12);
    const byColumn = Object.fromEntries(stageColumns(schema).map((c, i) => [c.name, row[i]]));
    expect(row).toHaveLength(stageColumns(schema).length);
    expect(byColumn).toEqual({_seq: 7, ...values, source_file: "platform/x.csv", source_row: 12});
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
