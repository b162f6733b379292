/** The statistics every bench figure is reduced with, so that all of them mean the same. */

/** The q-quantile with linear interpolation between the two nearest values (q = 0.5: the median). */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);
