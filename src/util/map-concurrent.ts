/**
 * `items` mapped through an async `fn` with at most `limit` calls in flight, results in input
 * order. Used where one request fans out into several Workers AI calls (embedding batches,
 * `n` images, moderation inputs, legacy completion prompts): a Worker keeps at most six
 * connections open, and the first failure rejects the whole map.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
