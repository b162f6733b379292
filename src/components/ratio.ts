/** A ratio that is null, not NaN or Infinity, when the denominator is zero. */
export const ratio = (numerator: number | null | undefined, denominator: number | null | undefined): number | null =>
  numerator == null || !denominator ? null : numerator / denominator;
