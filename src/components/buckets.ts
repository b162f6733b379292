/** Quantiles of handling time read off the bucketed counts of the duration cube. */

/** Width of a duration bucket starting at `lower` hours (see loaders/publish/platform.ts); the last, open bucket counts as a day. */
export function bucketWidth(lower: number): number {
  return lower < 72 ? 1 : lower < 240 ? 6 : 24;
}

/**
 * The q-quantile read off bucketed counts, interpolating linearly inside the bucket where the
 * cumulative share crosses q.
 */
export function quantileFromBuckets(buckets: {bucket: number; n: number}[], q: number): number | null {
  const total = buckets.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const goal = q * total;
  let seen = 0;
  for (const b of [...buckets].sort((a, c) => a.bucket - c.bucket)) {
    if (seen + b.n >= goal) return b.bucket + ((goal - seen) / b.n) * bucketWidth(b.bucket);
    seen += b.n;
  }
  return buckets[buckets.length - 1].bucket;
}
