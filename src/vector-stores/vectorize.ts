/**
 * How a vector store's chunks live in a Vectorize index: one namespace per vector store (so a
 * query only sees its store), and one vector per chunk with the id `{store}.{file}.{chunk}` built
 * from the ids without their prefixes (at most 54 bytes; Vectorize allows 64), so a file's vectors
 * can be deleted by id without a lookup. Writes go in slices of 1,000 (the binding's limit per call).
 */
import type { VectorIndex } from "./deps";

const MAX_PER_CALL = 1000;

/** An id without its `vs_` / `file-` prefix. */
export function bareId(id: string): string {
  return id.slice(id.search(/[_-]/) + 1);
}

/** The Vectorize id of chunk `index` of a file in a store. */
export function vectorId(vectorStoreId: string, fileId: string, index: number): string {
  return `${bareId(vectorStoreId)}.${bareId(fileId)}.${index}`;
}

/** The file id suffix and chunk index a Vectorize id names, or undefined for a foreign id. */
export function parseVectorId(id: string): { bareFileId: string; index: number } | undefined {
  const m = /^[^.]+\.([^.]+)\.(\d+)$/.exec(id);
  return m ? { bareFileId: m[1] as string, index: Number(m[2]) } : undefined;
}

/** Upserts a file's chunk vectors (`vectors` holds `count` rows of `dimensions` values). */
export async function upsertChunks(
  index: VectorIndex,
  vectorStoreId: string,
  fileId: string,
  vectors: Float32Array,
  dimensions: number,
): Promise<void> {
  const count = vectors.length / dimensions;
  for (let start = 0; start < count; start += MAX_PER_CALL) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + MAX_PER_CALL); i++) {
      rows.push({
        id: vectorId(vectorStoreId, fileId, i),
        values: Array.from(vectors.subarray(i * dimensions, (i + 1) * dimensions)),
        namespace: vectorStoreId,
        metadata: { file_id: fileId },
      });
    }
    await index.upsert(rows);
  }
}

/** Deletes a file's `count` chunk vectors. */
export async function deleteChunks(index: VectorIndex, vectorStoreId: string, fileId: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += MAX_PER_CALL) {
    const ids = [];
    for (let i = start; i < Math.min(count, start + MAX_PER_CALL); i++) ids.push(vectorId(vectorStoreId, fileId, i));
    await index.deleteByIds(ids);
  }
}
