/**
 * Creating a vector store, optionally with files attached: the one service behind
 * `POST /v1/vector_stores` and the `vector_stores` helper of Assistants `tool_resources`.
 */
import type { VectorStoreRecord } from "../store/vector-stores-repo";
import { clock, nowSeconds } from "../util/clock";
import type { VectorStoreFileObject } from "../wire/files";
import { attachFiles } from "./attach";
import type { IndexDeps } from "./deps";
import type { VectorStoreInput } from "./parse-requests";

/** Stores a new vector store and attaches `input.fileIds` (a 404 for an unknown file, before anything is written). */
export async function createVectorStore(
  deps: IndexDeps,
  input: Omit<VectorStoreInput, "expiresAfter"> & { expiresAfter?: VectorStoreInput["expiresAfter"] },
  param = "file_ids",
): Promise<{ record: VectorStoreRecord; files: VectorStoreFileObject[] }> {
  const now = nowSeconds();
  const record: VectorStoreRecord = {
    id: clock().sortableId("vs_"),
    created_at: now,
    name: input.name ?? "",
    expires_after: input.expiresAfter ?? null,
    last_active_at: now,
    metadata: input.metadata ?? {},
  };
  const files = await attachFiles(deps, record.id, input.fileIds, { chunking: input.chunking, attributes: null, batchId: null }, param);
  await deps.stores.vectorStores.put(record);
  return { record, files };
}
