/**
 * Searching vector stores: the service file_search uses. Plain inputs (store ids, one query or
 * several, options) → the best chunks, each with its file id, filename, attributes, score
 * (cosine similarity, clamped to [0, 1]; the best over the queries) and text.
 *
 * Without Vectorize the search is exact, in the Worker: every completed, filter-passing file's
 * chunk pack is read (1 read each) and scored against the query vectors, so a search is
 * bounded by MAX_SEARCH_CHUNKS. With a VECTORIZE binding, each store's namespace is queried
 * instead and only the packs of files among the results are read.
 * KV per search: 1 read + 1 list per store, plus 1 read per file searched (Vectorize: per file
 * among the results).
 */
import { OpenAIError } from "../http/errors";
import { type ChunkPack, chunkText } from "../store/chunk-pack";
import type { VectorStoreFileRecord } from "../store/vector-store-files-repo";
import type { AttributeFilter, Attributes } from "../wire/files";
import { matchesFilter } from "./attributes";
import type { SearchDeps, VectorIndex } from "./deps";
import { normalize } from "./index-file";
import { notFound } from "./not-found";
import { bareId, parseVectorId } from "./vectorize";

/**
 * Chunks one in-Worker search may score, so that a search stays within the Free plan's 10 ms
 * of CPU (bench:cpu): 3,000 × 768 dimensions is about 2.3 M multiply-adds over 9 MB of
 * float32 vectors. Scanning them is the cost (memory-bound, about 1.3 µs a chunk on the bench
 * machine); 8,000 chunks measured 12 ms, 6,000 9 to 13 ms, 5,000 8.3 to 11.8 ms and 4,000 9.4 to
 * 10.5 ms, depending on the machine's load, so the limit leaves a margin under 10 ms.
 */
export const MAX_SEARCH_CHUNKS = 3000;
/** Vectorize's largest topK when no values or full metadata are returned. */
const VECTORIZE_MAX_TOP_K = 100;

export interface SearchOptions {
  /** 1–50. */
  maxResults: number;
  /** Results scoring below this are dropped (0–1). */
  scoreThreshold: number;
  filter?: AttributeFilter;
}

export interface RankedChunk {
  vectorStoreId: string;
  fileId: string;
  filename: string;
  attributes: Attributes | null;
  score: number;
  text: string;
}

interface Candidate {
  file: VectorStoreFileRecord;
  index: number;
  score: number;
}

/** The best chunks for `query` across `vectorStoreIds`, best first; a 404 for an unknown store. */
export async function searchVectorStores(
  deps: SearchDeps,
  vectorStoreIds: readonly string[],
  query: string | readonly string[],
  options: SearchOptions,
): Promise<RankedChunk[]> {
  const queries = typeof query === "string" ? [query] : [...query];
  const files = (await Promise.all(vectorStoreIds.map((id) => searchableFiles(deps, id, options.filter)))).flat();
  if (files.length === 0) return [];
  const { candidates, packs } = deps.vectorIndex
    ? await viaVectorize(deps, deps.vectorIndex, vectorStoreIds, files, queries, options)
    : await inWorker(deps, files, queries, options);
  const best = candidates
    .filter((c) => c.score >= options.scoreThreshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.maxResults);
  // Vectorize hits name chunks only: read the packs of the files that made the cut.
  const missing = [...new Map(best.filter((c) => !packs.has(packKey(c.file))).map((c) => [packKey(c.file), c.file])).values()];
  for (const [key, pack] of await readPacks(deps, missing)) packs.set(key, pack);
  return best.flatMap((c) => {
    const pack = packs.get(packKey(c.file));
    if (!pack) return [];
    const { id, vector_store_id, attributes } = c.file.file;
    return [
      { vectorStoreId: vector_store_id, fileId: id, filename: c.file.filename, attributes, score: c.score, text: chunkText(pack, c.index) },
    ];
  });
}

/** A store's completed files that pass the filter. */
async function searchableFiles(
  deps: SearchDeps,
  vectorStoreId: string,
  filter: AttributeFilter | undefined,
): Promise<VectorStoreFileRecord[]> {
  const [store, files] = await Promise.all([deps.stores.vectorStores.get(vectorStoreId), deps.stores.vectorStoreFiles.list(vectorStoreId)]);
  if (!store) throw notFound("vector store", vectorStoreId, "vector_store_id");
  return files.filter((f) => f.file.status === "completed" && f.chunks > 0 && (!filter || matchesFilter(filter, f.file.attributes)));
}

function packKey(file: VectorStoreFileRecord): string {
  return `${file.file.vector_store_id}/${file.file.id}`;
}

async function readPacks(deps: SearchDeps, files: readonly VectorStoreFileRecord[]): Promise<Map<string, ChunkPack>> {
  const packs = new Map<string, ChunkPack>();
  await Promise.all(
    files.map(async (f) => {
      const pack = await deps.stores.vectorStoreFiles.getChunks(f.file.vector_store_id, f.file.id);
      if (pack) packs.set(packKey(f), pack);
    }),
  );
  return packs;
}

/**
 * Exact cosine over every chunk of every file; only the best `maxResults` at or above the
 * threshold become candidates (an object per chunk, then a sort of them all, cost more than
 * the scoring's bookkeeping should).
 */
async function inWorker(deps: SearchDeps, files: VectorStoreFileRecord[], queries: string[], options: SearchOptions) {
  const total = files.reduce((sum, f) => sum + f.chunks, 0);
  if (total > MAX_SEARCH_CHUNKS) {
    throw new OpenAIError(
      400,
      `These vector stores hold ${total} chunks; ai-forwarder searches at most ${MAX_SEARCH_CHUNKS} in the Worker. Bind a Vectorize index as VECTORIZE to search larger stores, or narrow the search with 'filters'.`,
      { param: "vector_store_id", code: "vector_store_too_large" },
    );
  }
  const packs = await readPacks(deps, files);
  const queryVectors = new Map<string, Float64Array[]>();
  const top = new TopScores(options.maxResults, options.scoreThreshold);
  for (const file of files) {
    const pack = packs.get(packKey(file));
    if (!pack) continue;
    let vectors = queryVectors.get(pack.model);
    if (!vectors) {
      vectors = (await deps.embedder.embed(pack.model, queries)).map((v) => Float64Array.from(normalize(v)));
      queryVectors.set(pack.model, vectors);
    }
    const scores = new Float64Array(pack.spans.length);
    for (const q of vectors) bestDots(q, pack.vectors, scores);
    for (let i = 0; i < scores.length; i++) top.offer(file, i, Math.min(1, scores[i] as number));
  }
  return { candidates: top.best, packs };
}

/** The `size` best-scoring chunks at or above `threshold`, best first (ties: first offered wins). */
class TopScores {
  readonly best: Candidate[] = [];
  constructor(
    private readonly size: number,
    private readonly threshold: number,
  ) {}

  offer(file: VectorStoreFileRecord, index: number, score: number): void {
    const best = this.best;
    if (score < this.threshold || (best.length === this.size && score <= (best[best.length - 1] as Candidate).score)) return;
    let at = best.length;
    while (at > 0 && (best[at - 1] as Candidate).score < score) at--;
    best.splice(at, 0, { file, index, score });
    if (best.length > this.size) best.pop();
  }
}

/** scores[i] = max(scores[i], q · row i) for every row of `rows` (rows of q.length values): the hot loop of an in-Worker search. */
function bestDots(q: Float64Array, rows: Float32Array, scores: Float64Array): void {
  for (let i = 0; i < scores.length; i++) {
    const sum = dot(q, rows, i * q.length);
    if (sum > (scores[i] as number)) scores[i] = sum;
  }
}

/** q · rows[offset…offset+q.length), in four running sums (a quarter of the dependent additions). */
function dot(q: Float64Array, rows: Float32Array, offset: number): number {
  const n = q.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let d = 0;
  for (; d + 3 < n; d += 4) {
    a += (q[d] as number) * (rows[offset + d] as number);
    b += (q[d + 1] as number) * (rows[offset + d + 1] as number);
    c += (q[d + 2] as number) * (rows[offset + d + 2] as number);
    e += (q[d + 3] as number) * (rows[offset + d + 3] as number);
  }
  for (; d < n; d++) a += (q[d] as number) * (rows[offset + d] as number);
  return a + b + c + e;
}

/** Each store's Vectorize namespace, queried once per query string; only files with hits are read. */
async function viaVectorize(
  deps: SearchDeps,
  index: VectorIndex,
  vectorStoreIds: readonly string[],
  files: VectorStoreFileRecord[],
  queries: string[],
  options: SearchOptions,
) {
  const byBareId = new Map(files.map((f) => [`${f.file.vector_store_id}/${bareId(f.file.id)}`, f]));
  const vectors = (await deps.embedder.embed(deps.embedder.model, queries)).map(normalize);
  const topK = Math.min(VECTORIZE_MAX_TOP_K, options.filter ? VECTORIZE_MAX_TOP_K : options.maxResults * 2);
  const best = new Map<string, Candidate>();
  for (const vs of vectorStoreIds) {
    for (const vector of vectors) {
      const { matches } = await index.query(vector, { topK, namespace: vs, returnValues: false, returnMetadata: "none" });
      for (const m of matches) {
        const parsed = parseVectorId(m.id);
        const file = parsed && byBareId.get(`${vs}/${parsed.bareFileId}`);
        if (!parsed || !file || parsed.index >= file.chunks) continue;
        const score = Math.max(0, Math.min(1, m.score));
        if ((best.get(m.id)?.score ?? -1) < score) best.set(m.id, { file, index: parsed.index, score });
      }
    }
  }
  return { candidates: [...best.values()], packs: new Map<string, ChunkPack>() };
}
