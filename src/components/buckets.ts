/** Quantiles of handling time read off the banded counts of the duration cube. */

/** Count of one handling-time band: lower edge and width in hours (the loaders decide the bands). */
export interface DurationBand {
  bucket: number;
  width: number;
  n: number;
}

/**
 * The q-quantile read off banded counts, interpolating linearly inside the band where the
 * cumulative share crosses q.
 */
export function quantileFromBuckets(buckets: DurationBand[], q: number): number | null {
  const total = buckets.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const goal = q * total;
  let seen = 0;
  for (const b of [...buckets].sort((a, c) => a.bucket - c.bucket)) {
    if (seen + b.n >= goal) return b.bucket + ((goal - seen) / b.n) * b.width;
    seen += b.n;
  }
  return buckets[buckets.length - 1].bucket;
}
