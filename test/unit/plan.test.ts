import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { metricById } from "../../loaders/codes/index.ts";
import { PlanFile } from "../../loaders/schema/index.ts";

const text = readFileSync(new URL("../../data/plan/2025.yaml", import.meta.url), "utf8");

describe("data/plan/2025.yaml", () => {
  it("is a valid plan whose targets all refer to known metrics", () => {
    const plan = PlanFile.parse(YAML.parse(text));
    expect(plan.year).toBe(2025);
    for (const t of plan.targets) {
      expect(metricById(t.metric), t.metric).toBeDefined();
      expect(t.id).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("covers the targets of the report's part 四", () => {
    const plan = PlanFile.parse(YAML.parse(text));
    const byMetric = new Map(plan.targets.map((t) => [t.metric, t]));
    for (const m of [
      "legal_review_rate",
      "full_process_record_rate",
      "head_appearance_rate",
      "training_sessions",
      "training_participants",
      "correction_rate",
      "ontime_close_rate",
      "hotline_satisfaction_rate"
    ]) {
      expect(byMetric.has(m), m).toBe(true);
    }
    expect(byMetric.get("legal_review_rate")).toMatchObject({ target: 100, unit: "%", direction: "higher" });
    expect(byMetric.get("correction_rate")?.direction).toBe("lower");
  });

  it("says in a comment that the values are the bureau's to edit", () => {
    expect(text).toMatch(/^#.*可直接编辑/m);
  });

  it("rejects unknown metrics and duplicate ids", () => {
    const plan = YAML.parse(text);
    expect(PlanFile.safeParse({ ...plan, targets: [{ ...plan.targets[0], metric: "no_such_metric" }] }).success).toBe(false);
    expect(PlanFile.safeParse({ ...plan, targets: [plan.targets[0], plan.targets[0]] }).success).toBe(false);
  });
});

describe("a plan file that cannot be read", () => {
  it("stops the build before it starts, naming the file, the line and the fault", () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    try {
      writeFileSync(join(dir, "2025.yaml"), text.replace(/^title: (.*)$/m, 'title: "$1'));
      const r = spawnSync(resolve("node_modules/.bin/tsx"), ["scripts/build.ts"], {encoding: "utf8", env: {...process.env, CHENGGUAN_PLAN_DIR: dir, CHENGGUAN_DIST: join(dir, "dist")}});
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(/^构建未进行，dist\/ 保持不变：配置文件 .*2025\.yaml 第 \d+ 行：引号（"）没有闭合$/);
      expect(existsSync(join(dir, "dist"))).toBe(false);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
