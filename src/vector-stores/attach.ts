/**
 * Attaching files to a vector store and detaching them. A small text file (≤ SYNC_INDEX_BYTES)
 * is indexed before the response, so it is `completed` at once: 1 read of the file object,
 * 1 of its bytes, 3 writes (chunks, record, the file's back-reference). Anything larger, and
 * every file Workers AI must convert, is answered `in_progress` and indexed in `waitUntil`:
 * 2 writes now (record, back-reference), then 1 read of the bytes, 1 read re-checking the
 * record (a detach or cancel meanwhile wins), and 2 writes (chunks, final record).
 */
import { mapConcurrent } from "../util/map-concurrent";
import { nowSeconds } from "../util/clock";
import type { VectorStoreFileRecord } from "../store/vector-store-files-repo";
import type { Attributes, StaticChunking, VectorStoreFileObject } from "../wire/files";
import type { IndexDeps, SearchDeps } from "./deps";
import { isTextFormat } from "./extract-text";
import { indexFile } from "./index-file";
import { notFound } from "./not-found";
import { deleteChunks } from "./vectorize";

/** Text files up to this size are indexed before the response (a few embedding calls at most). */
export const SYNC_INDEX_BYTES = 64 * 1024;
/** Files of one request indexed at once (each makes Workers AI calls; a Worker keeps six connections). */
const INDEX_CONCURRENCY = 3;

export interface AttachOptions {
  chunking: StaticChunking;
  attributes: Attributes | null;
  batchId: string | null;
}

/** Attaches each file (all must exist: a 404 names the first that does not, before anything is written). */
export async function attachFiles(
  deps: IndexDeps,
  vectorStoreId: string,
  fileIds: readonly string[],
  options: AttachOptions,
  param = "file_ids",
): Promise<VectorStoreFileObject[]> {
  const files = await Promise.all(fileIds.map((id) => deps.stores.files.get(id)));
  files.forEach((f, i) => {
    if (!f) throw notFound("file", fileIds[i] as string, param);
  });
  const now = nowSeconds();
  return mapConcurrent(files, INDEX_CONCURRENCY, async (file) => {
    const f = file as NonNullable<typeof file>;
    const record: VectorStoreFileRecord = {
      file: {
        id: f.id,
        object: "vector_store.file",
        usage_bytes: 0,
        created_at: now,
        vector_store_id: vectorStoreId,
        status: "in_progress",
        last_error: null,
        chunking_strategy: options.chunking,
        attributes: options.attributes,
      },
      filename: f.filename,
      chunks: 0,
      batchId: options.batchId,
    };
    if (f.bytes <= SYNC_INDEX_BYTES && isTextFormat(f.filename)) {
      const done = await indexFile(deps, record, options.chunking);
      await Promise.all([deps.stores.vectorStoreFiles.put(done), deps.stores.files.addRef(f.id, vectorStoreId)]);
      return done.file;
    }
    await Promise.all([deps.stores.vectorStoreFiles.put(record), deps.stores.files.addRef(f.id, vectorStoreId)]);
    deps.background(indexLater(deps, record, options.chunking));
    return record.file;
  });
}

/** Indexes after the response; the final record is written only if the file is still attached and not cancelled. */
async function indexLater(deps: IndexDeps, record: VectorStoreFileRecord, chunking: StaticChunking): Promise<void> {
  const done = await indexFile(deps, record, chunking);
  const { id, vector_store_id: vs } = record.file;
  const current = await deps.stores.vectorStoreFiles.get(vs, id);
  if (current && current.file.status === "in_progress") {
    await deps.stores.vectorStoreFiles.put({ ...done, file: { ...done.file, attributes: current.file.attributes } });
    return;
  }
  // Detached or cancelled meanwhile: drop what indexing stored.
  if (!current) await deps.stores.vectorStoreFiles.delete(vs, id);
  if (deps.vectorIndex && done.chunks > 0) await deleteChunks(deps.vectorIndex, vs, id, done.chunks);
}

/** Detaches a file from a store: its record, chunks, back-reference and Vectorize vectors. */
export async function detachFile(deps: SearchDeps, record: VectorStoreFileRecord): Promise<void> {
  const { id, vector_store_id: vs } = record.file;
  await Promise.all([deps.stores.vectorStoreFiles.delete(vs, id), deps.stores.files.removeRef(id, vs)]);
  if (deps.vectorIndex && record.chunks > 0) await deleteChunks(deps.vectorIndex, vs, id, record.chunks);
}
