import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {defaultCodeBook, METRICS} from "../../loaders/codes/index.ts";
import {writeCodeTables} from "../../loaders/codes/tables.ts";
import {computableMetricIds, computeMetric, computeMetricByPeriod} from "../../loaders/metrics/compute.ts";
import {flagSums} from "../../loaders/metrics/platform.ts";

const year = {from: "2024-01-01", to: "2024-12-31"};
let instance: DuckDBInstance;
let con: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
  await writeCodeTables(con, defaultCodeBook());
  await con.run(`CREATE TABLE platform (case_id VARCHAR, stage VARCHAR, reported_at TIMESTAMP, registered_at TIMESTAMP, dispatched_at TIMESTAMP, due_at TIMESTAMP, handled_at TIMESTAMP, closed_at TIMESTAMP, rework_count INTEGER, extension_count INTEGER)`);
  await con.run(`INSERT INTO platform VALUES
    -- closed on time, dispatched within the hour, 2 hours to handle
    ('a', 'closed', '2024-03-01 08:00', '2024-03-01 08:10', '2024-03-01 08:30', '2024-03-02 08:30', '2024-03-01 10:30', '2024-03-01 12:00', 0, 0),
    -- closed late (handled after due), dispatched late, reworked once, extended
    ('b', 'closed', '2024-03-02 08:00', '2024-03-02 08:10', '2024-03-02 10:10', '2024-03-03 10:10', '2024-03-04 10:10', '2024-03-05 10:00', 1, 1),
    -- dispatched, not handled yet
    ('c', 'dispatched', '2024-03-03 08:00', '2024-03-03 08:05', '2024-03-03 08:20', '2024-03-04 08:20', NULL, NULL, 0, 0),
    -- reported only
    ('d', 'reported', '2024-03-04 08:00', NULL, NULL, NULL, NULL, NULL, 0, 0),
    -- void: not a valid report
    ('e', 'void', '2024-03-05 08:00', NULL, NULL, NULL, NULL, NULL, 0, 0),
    -- another year: outside the period
    ('f', 'closed', '2023-03-01 08:00', '2023-03-01 08:10', '2023-03-01 08:20', '2023-03-02 08:20', '2023-03-01 09:20', '2023-03-01 10:00', 0, 0)`);
  await con.run(`CREATE TABLE cases (case_no VARCHAR, filed_on DATE, procedure VARCHAR, legal_review BOOLEAN, collective_discussion BOOLEAN, full_process_record BOOLEAN, disclosed BOOLEAN, fine DOUBLE)`);
  await con.run(`INSERT INTO cases VALUES
    ('1', '2024-01-05', 'general', true, true, true, true, 20000),
    ('2', '2024-02-05', 'general', false, false, true, false, 500),
    ('3', '2024-02-06', 'simple', NULL, NULL, false, true, 50),
    ('4', '2023-02-06', 'general', false, false, false, false, 0)`);
  await con.run(`CREATE TABLE documents (doc_no VARCHAR, doc_type VARCHAR, issued_on DATE)`);
  await con.run(`INSERT INTO documents VALUES ('d1', 'guidance', '2024-01-01'), ('d2', 'guidance', '2024-12-31'), ('d3', 'guidance', '2025-01-01'), ('d4', 'penalty_decision', '2024-05-01')`);
  await con.run(`CREATE TABLE review (review_no VARCHAR, category VARCHAR, received_on DATE, decided_on DATE, outcome VARCHAR, hearing_on DATE, head_appeared BOOLEAN)`);
  await con.run(`INSERT INTO review VALUES
    ('r1', 'reconsideration', '2024-01-01', '2024-02-01', 'upheld', NULL, NULL),
    ('r2', 'litigation_first', '2024-01-01', '2024-03-01', 'revoked', '2024-02-20', true),
    ('r3', 'litigation_first', '2024-02-01', '2024-04-01', 'dismissed', '2024-03-20', false),
    ('r4', 'litigation_second', '2024-05-01', NULL, NULL, NULL, NULL)`);
  await con.run(`CREATE TABLE hotline (order_no VARCHAR, received_at TIMESTAMP, status VARCHAR, completed BOOLEAN, result VARCHAR, satisfaction VARCHAR)`);
  await con.run(`INSERT INTO hotline VALUES
    ('h1', '2024-01-01 09:00', 'visited', true, 'resolved', 'very_satisfied'),
    ('h2', '2024-01-02 09:00', 'closed', true, 'partial', 'dissatisfied'),
    ('h3', '2024-01-03 09:00', 'in_progress', false, NULL, NULL),
    ('h4', '2024-01-04 09:00', 'closed', true, 'resolved', NULL),
    -- not visited: no rating, left out of 满意率's denominator
    ('h5', '2024-01-05 09:00', 'visited', true, 'resolved', 'not_visited'),
    -- a level and a result the code lists do not know: in the denominators, and counted as unmapped
    ('h6', '2024-01-06 09:00', '已归档', true, '解释说明', '一般')`);
  await con.run(`CREATE TABLE publicity (record_id VARCHAR, kind VARCHAR, date DATE, level VARCHAR)`);
  await con.run(`INSERT INTO publicity VALUES ('p1', 'item', '2024-01-01', 'national'), ('p2', 'item', '2024-06-01', 'district'), ('p3', 'activity', '2024-03-01', NULL)`);
  await con.run(`CREATE TABLE training (record_id VARCHAR, date DATE, participants INTEGER)`);
  await con.run(`INSERT INTO training VALUES ('t1', '2024-03-01', 40), ('t2', '2024-09-01', 25)`);
});

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
});

const metric = (id: string) => computeMetric(con, id, year);

describe("platform indicators", () => {
  test("立案率 = 立案数 / 有效上报数 (void reports excluded)", async () => {
    expect(await metric("registration_rate")).toMatchObject({numerator: 3, denominator: 4, value: 0.75});
  });
  test("按期派遣率 counts dispatches within an hour of 立案", async () => {
    expect(await metric("ontime_dispatch_rate")).toMatchObject({numerator: 2, denominator: 3});
  });
  test("按期处置率 = handled by the due time / dispatched", async () => {
    expect(await metric("ontime_handle_rate")).toMatchObject({numerator: 1, denominator: 3});
  });
  test("结案率, 按期结案率, 返工率 and 延期率", async () => {
    expect(await metric("close_rate")).toMatchObject({numerator: 2, denominator: 3});
    expect(await metric("ontime_close_rate")).toMatchObject({numerator: 1, denominator: 3});
    expect(await metric("rework_rate")).toMatchObject({numerator: 1, denominator: 3});
    expect(await metric("extension_rate")).toMatchObject({numerator: 1, denominator: 3});
  });
  test("handling time median and P90 over handled cases (2 h and 48 h)", async () => {
    expect((await metric("handling_hours_median")).value).toBeCloseTo(25);
    expect((await metric("handling_hours_p90")).value).toBeCloseTo(2 + 0.9 * 46);
  });
  test("flag sums give the same counts in a GROUP BY", async () => {
    const reader = await con.runAndReadAll(`SELECT ${flagSums(["valid", "registered", "closed"])} FROM platform WHERE year(reported_at) = 2024`);
    expect(reader.getRowObjectsJS()[0]).toEqual({valid: 4, registered: 3, closed: 2});
  });
});

describe("enforcement, review, hotline, publicity and training", () => {
  test("documents count by type within the period, inclusive of both ends", async () => {
    expect((await metric("guidance_documents")).value).toBe(2);
    expect((await metric("penalty_decisions")).value).toBe(1);
    expect((await metric("enforcement_applications")).value).toBe(0);
  });
  test("法制审核率 is over general-procedure cases only", async () => {
    expect(await metric("legal_review_rate")).toMatchObject({numerator: 1, denominator: 2, value: 0.5});
  });
  test("集体讨论率 is over large fines", async () => {
    expect(await metric("collective_discussion_rate")).toMatchObject({numerator: 1, denominator: 1});
  });
  test("fine total", async () => {
    expect((await metric("fine_total")).value).toBe(20550);
  });
  test("纠错率 = corrective outcomes (by the code list's attribute) / decided cases", async () => {
    expect(await metric("correction_rate")).toMatchObject({numerator: 1, denominator: 3, unmapped: 0});
  });
  test("负责人出庭应诉率 = head appeared / litigation cases with a hearing", async () => {
    expect(await metric("head_appearance_rate")).toMatchObject({numerator: 1, denominator: 2, value: 0.5});
  });
  test("hotline 办结率, 解决率 and 满意率 state their denominators and the unmapped values in them", async () => {
    expect(await metric("hotline_completion_rate")).toMatchObject({numerator: 5, denominator: 6});
    expect(await metric("hotline_resolution_rate")).toMatchObject({numerator: 3, denominator: 5, unmapped: 1});
    expect(await metric("hotline_satisfaction_rate")).toMatchObject({numerator: 1, denominator: 3, unmapped: 1});
  });
  test("publicity items, activities, training sessions and participants", async () => {
    expect((await metric("publicity_items")).value).toBe(2);
    expect((await metric("legal_education_activities")).value).toBe(1);
    expect((await metric("training_sessions")).value).toBe(2);
    expect((await metric("training_participants")).value).toBe(65);
  });
  test("an empty denominator gives no value rather than zero", async () => {
    const none = await computeMetric(con, "legal_review_rate", {from: "2020-01-01", to: "2020-12-31"});
    expect(none).toMatchObject({value: null, denominator: 0});
  });
});

test("every defined metric has a computation", () => {
  expect(computableMetricIds().sort()).toEqual(METRICS.map((m) => m.id).sort());
});

describe("metrics by month and by year", () => {
  const months = Array.from({length: 25}, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
  test.each(computableMetricIds())("%s: one grouped scan gives each month and year what the metric gives it alone", async (id) => {
    const byMonth = await computeMetricByPeriod(con, id, {from: "2023-01-01", to: "2025-01-31"}, "month", months);
    for (const month of months) expect(byMonth.get(month), month).toEqual(await computeMetric(con, id, {from: `${month}-01`, to: lastDay(month)}));
    const byYear = await computeMetricByPeriod(con, id, {from: "2023-01-01", to: "2025-12-31"}, "year", ["2023", "2024", "2025"]);
    for (const y of ["2023", "2024", "2025"]) expect(byYear.get(y), y).toEqual(await computeMetric(con, id, {from: `${y}-01-01`, to: `${y}-12-31`}));
  });
});
