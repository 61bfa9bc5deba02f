/** Small helpers of the bench: bounded concurrency, percentiles, formatting. */

/** Runs `fn` over every item with at most `concurrency` calls in flight; resolves when all are done. */
export async function forEachBounded<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** The p-th percentile (0..100) of the values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Waits until `probe` answers true, polling every `everyMs`; fails after `timeoutMs` without progress. */
export async function waitFor(what: string, probe: () => Promise<{ done: boolean; progress: number }>,
  opts: { everyMs?: number; stallMs?: number } = {}): Promise<void> {
  const { everyMs = 200, stallMs = 180_000 } = opts;
  let lastProgress = -1;
  let lastChange = Date.now();
  for (;;) {
    const { done, progress } = await probe();
    if (done) return;
    if (progress !== lastProgress) {
      lastProgress = progress;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) {
      throw new Error(`${what}: no progress for ${stallMs / 1000} s (stuck at ${progress})`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
