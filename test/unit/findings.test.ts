import {expect, test} from "vitest";
import {FindingsCollector, LISTED_ROWS} from "../../loaders/findings.ts";

test("a warning names each row it concerns, the first LISTED_ROWS of a file, and counts them all", () => {
  const collector = new FindingsCollector();
  const note = {kind: "warning", code: "damaged_id:party_id", field: "party_id", message: "身份证号被 Excel 存成了数字"} as const;
  for (let row = 2; row < LISTED_ROWS + 12; row++) collector.add([note], "Sheet1", row);
  collector.add([{...note, code: "id_check:party_id"}], "6月下", 7);
  const [damaged, check] = collector.result().rowWarnings;
  expect(damaged).toMatchObject({rows: LISTED_ROWS + 10, sheet: "Sheet1", row: 2});
  expect(damaged.at).toHaveLength(LISTED_ROWS);
  expect(damaged.at.slice(0, 3)).toEqual([{sheet: "Sheet1", row: 2}, {sheet: "Sheet1", row: 3}, {sheet: "Sheet1", row: 4}]);
  expect(damaged.at.at(-1)).toEqual({sheet: "Sheet1", row: LISTED_ROWS + 1});
  expect(check.at).toEqual([{sheet: "6月下", row: 7}]);
});
