import {describe, expect, test} from "vitest";
import {progressOf, targetStatus} from "../../loaders/publish/plan.ts";

describe("plan target status", () => {
  test("a met target is 达标, whatever the time of year", () => {
    expect(targetStatus({actual: 100, target: 100, direction: "higher", rate: true, elapsed: 0.5})).toBe("达标");
    expect(targetStatus({actual: 8, target: 10, direction: "lower", rate: true, elapsed: 1})).toBe("达标");
  });
  test("at year end an unmet target is 滞后", () => {
    expect(targetStatus({actual: 14, target: 15, direction: "higher", rate: false, elapsed: 1})).toBe("滞后");
  });
  test("during the year a count on pace is 进行中, one behind pace is 滞后", () => {
    expect(targetStatus({actual: 8, target: 15, direction: "higher", rate: false, elapsed: 0.5})).toBe("进行中");
    expect(targetStatus({actual: 5, target: 15, direction: "higher", rate: false, elapsed: 0.5})).toBe("滞后");
  });
  test("during the year a rate within 2 points is 进行中", () => {
    expect(targetStatus({actual: 98.5, target: 100, direction: "higher", rate: true, elapsed: 0.5})).toBe("进行中");
    expect(targetStatus({actual: 90, target: 100, direction: "higher", rate: true, elapsed: 0.5})).toBe("滞后");
  });
  test("no data is 无数据", () => {
    expect(targetStatus({actual: null, target: 100, direction: "higher", rate: true, elapsed: 1})).toBe("无数据");
  });
  test("progress toward higher and lower targets", () => {
    expect(progressOf({actual: 12, target: 15, direction: "higher"})).toBeCloseTo(0.8);
    expect(progressOf({actual: 20, target: 10, direction: "lower"})).toBeCloseTo(0.5);
    expect(progressOf({actual: 5, target: 10, direction: "lower"})).toBe(1);
  });
});

describe("a plan file against the data", async () => {
  const {DuckDBInstance} = await import("@duckdb/node-api");
  const {buildPlan} = await import("../../loaders/publish/plan.ts");
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run("CREATE TABLE platform (reported_at TIMESTAMP)");
  await con.run("CREATE TABLE documents (issued_on DATE)");
  await con.run("CREATE TABLE hotline (received_at TIMESTAMP)");
  await con.run("CREATE TABLE cases (case_no VARCHAR, filed_on DATE, procedure VARCHAR, legal_review BOOLEAN)");
  await con.run(`INSERT INTO cases VALUES ('a', '2025-02-01', 'general', true), ('b', '2025-05-01', 'general', false)`);
  await con.run("CREATE TABLE training (date DATE, participants INTEGER)");
  await con.run(`INSERT INTO training VALUES ('2025-03-01', 30)`);
  const plan = await buildPlan(con, {
    year: 2025,
    title: "测试",
    targets: [
      {id: "review", name: "法制审核率", target: 100, unit: "%", direction: "higher", metric: "legal_review_rate"},
      {id: "sessions", name: "培训场次", target: 12, unit: "场", direction: "higher", metric: "training_sessions"},
      {id: "new_one", name: "新目标", target: 5, unit: "件", direction: "higher", metric: "not_a_metric_yet"},
      {id: "broken", name: "", target: "x"}
    ]
  }, 2025);

  test("a target with a known metric gets its actual, status and monthly path", () => {
    const review = plan.targets.find((t) => t.id === "review")!;
    expect(review).toMatchObject({actual: 50, numerator: 1, denominator: 2, status: "滞后"});
    expect(review.path.map((p) => p.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]);
    expect(plan.through).toBe("2025-05");
  });
  test("a target whose metric does not exist is kept, with a message saying so", () => {
    const added = plan.targets.find((t) => t.id === "new_one")!;
    expect(added.status).toBe("无数据");
    expect(added.message).toContain("not_a_metric_yet");
  });
  test("a malformed target is reported, not dropped silently", () => {
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toContain("第 4 个目标");
  });
});
