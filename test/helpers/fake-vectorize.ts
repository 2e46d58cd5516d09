/**
 * A fake Vectorize index implementing the documented binding calls this Worker makes
 * (`upsert`, `query` with `topK` / `namespace`, `deleteByIds`) with exact cosine scores, and
 * recording each call. What it cannot show: the real index's eventual consistency (upserts
 * become queryable seconds later), its approximate ranking, and its limits.
 */
import type { VectorIndex } from "../../src/vector-stores/deps";

interface Stored {
  id: string;
  values: number[];
  namespace: string | undefined;
}

export interface FakeVectorize extends VectorIndex {
  vectors: Map<string, Stored>;
  calls: { method: "upsert" | "query" | "deleteByIds"; count: number; namespace?: string }[];
}

export function fakeVectorize(): FakeVectorize {
  const vectors = new Map<string, Stored>();
  const calls: FakeVectorize["calls"] = [];
  return {
    vectors,
    calls,
    async upsert(rows) {
      calls.push({ method: "upsert", count: rows.length });
      for (const r of rows) vectors.set(r.id, { id: r.id, values: [...r.values], namespace: r.namespace });
      return { mutationId: `m${calls.length}` };
    },
    async query(vector, options) {
      calls.push({ method: "query", count: options.topK, ...(options.namespace ? { namespace: options.namespace } : {}) });
      const matches = [...vectors.values()]
        .filter((v) => options.namespace === undefined || v.namespace === options.namespace)
        .map((v) => ({ id: v.id, score: cosine(vector, v.values) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, options.topK);
      return { matches, count: matches.length };
    },
    async deleteByIds(ids) {
      calls.push({ method: "deleteByIds", count: ids.length });
      for (const id of ids) vectors.delete(id);
      return { mutationId: `m${calls.length}` };
    },
  };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
