/**
 * The 综合指标值 (composite score) that monthly bulletins rank streets and departments by. Each city weights the
 * indicators differently, so the weights are the bureau's configuration (data/documents.yaml, bulletin.composite);
 * this is the one formula that applies them:
 *
 *   综合指标值 = Σ wᵢ × sᵢ,  sᵢ = rateᵢ for an indicator where higher is better, 1 − rateᵢ where lower is better
 *
 * with the weights wᵢ in percent (summing to 100, checked when the file is read), so the score runs from 0 to 100.
 * Which indicators are lower-is-better (返工率, 延期率) is platform-indicators.ts's `higherIsBetter`.
 */
import type {CompositeWeight} from "../../loaders/documents-config.ts";
import {INDICATORS} from "./platform-indicators.js";
import type {Row} from "./query.js";

export type {CompositeWeight};

function indicator(key: string) {
  const found = INDICATORS.find((i) => i.key === key);
  if (!found) throw new Error(`综合指标值的权重中有未知指标“${key}”`);
  return found;
}

/**
 * The composite score (0–100) of a row that has the indicators' rates as fractions (platform-indicators.ts
 * `withRates`); null when a weighted rate is null (its denominator is 0).
 * @throws Error for a weight on an indicator that platform-indicators.ts does not define
 */
export function compositeScore(row: Row, weights: readonly CompositeWeight[]): number | null {
  let score = 0;
  for (const w of weights) {
    const higherIsBetter = indicator(w.indicator).higherIsBetter;
    const rate = row[w.indicator] as number | null | undefined;
    if (rate == null || !Number.isFinite(rate)) return null;
    score += w.weight * (higherIsBetter ? rate : 1 - rate);
  }
  return score;
}

/** The formula in words, to print under a table: "综合指标值 = 按期处置率 × 40% + 结案率 × 30% + （1 − 返工率）× 30%". */
export function compositeFormula(weights: readonly CompositeWeight[]): string {
  const terms = weights.map((w) => {
    const i = indicator(w.indicator);
    return i.higherIsBetter ? `${i.label} × ${w.weight}%` : `（1 − ${i.label}）× ${w.weight}%`;
  });
  return `综合指标值 = ${terms.join(" + ")}`;
}
