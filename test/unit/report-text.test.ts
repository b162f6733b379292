import {describe, expect, test} from "vitest";
import {reportSentences, type AnnualFigures} from "../../src/components/report-text.ts";

const count = (value: number) => ({id: "count", value, numerator: value, denominator: null});
const figures: AnnualFigures = {
  years: [2024],
  metrics: {
    2024: {
      guidance_documents: count(112),
      rectification_orders: count(73),
      penalty_decisions: count(12),
      enforcement_applications: count(3),
      legal_review_rate: {id: "legal_review_rate", value: 1, numerator: 40, denominator: 40},
      correction_rate: {id: "correction_rate", value: 0.125, numerator: 1, denominator: 8},
      head_appearance_rate: {id: "head_appearance_rate", value: 0.5, numerator: 2, denominator: 4}
    }
  },
  breakdowns: {
    publicity_levels: {2024: [{label: "市级", n: 352}, {label: "省级", n: 53}, {label: "区级", n: 43}, {label: "国家级", n: 12}]},
    review_categories: {2024: [{label: "行政复议", n: 5}, {label: "行政诉讼一审", n: 4}]}
  }
};

describe("annual report sentences", () => {
  const sentences = reportSentences(figures, 2024);
  const text = (id: string) => sentences.find((s) => s.id === id)?.text;

  test("the enforcement sentence reads as in the seed report", () => {
    expect(text("enforcement")).toBe("2024年以来，共下达各类《城市管理行政意见指导书》112份、《责令停止（改正）违法行为通知书》73份，《行政处罚决定书》12份，申请法院强制执行3件。");
  });
  test("the publicity sentence lists the four levels in the report's order", () => {
    expect(text("publicity")).toBe("2024年我局共发表宣传信息460篇，其中国家级12篇，省级53篇，市级352篇，区级43篇。");
  });
  test("review and litigation state numerators and denominators", () => {
    expect(text("review")).toContain("行政复议5件、行政诉讼一审4件");
    expect(text("review")).toContain("纠错率12.5%");
    expect(text("review")).toContain("负责人出庭应诉2件，出庭应诉率50%");
  });
  test("a topic without data writes no sentence", () => {
    expect(text("hotline")).toBeUndefined();
    expect(text("platform")).toBeUndefined();
  });
  test("large numbers use zh-CN grouping", () => {
    const big = reportSentences({...figures, metrics: {2024: {...figures.metrics[2024], guidance_documents: count(12345)}}}, 2024);
    expect(big[0].text).toContain("12,345份");
  });
});
