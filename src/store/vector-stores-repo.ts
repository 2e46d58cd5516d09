/**
 * Vector stores and their file batches (keys `vs/{id}`, `vsbatch/{vs}/{batch}`; see keys.ts).
 * A store's record holds only what a client sets; its file counts, usage and status are
 * derived from its files' records (vector-store-files-repo.ts) when read, so concurrent
 * indexing never read-modify-writes a shared document.
 *
 * Create or modify: 1 write. Retrieve: 1 read. Delete: 1 delete (its files are detached first).
 * A batch: 1 write on create and on cancel, 1 read to retrieve.
 */
import type { ExpiresAfter, Metadata } from "../wire/files";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { deletePrefix, inlineMetadata, listValues } from "./list-values";

/** A vector store's own fields. */
export interface VectorStoreRecord {
  id: string;
  created_at: number;
  name: string;
  expires_after: ExpiresAfter | null;
  last_active_at: number;
  metadata: Metadata;
}

/** A file batch: which files it attached, and whether it was cancelled. */
export interface FileBatchRecord {
  id: string;
  created_at: number;
  vector_store_id: string;
  file_ids: string[];
  cancelled: boolean;
}

export class VectorStoresRepo {
  constructor(private readonly store: JsonKv) {}

  get(id: string): Promise<VectorStoreRecord | null> {
    return this.store.get<VectorStoreRecord>(keys.vectorStore(id));
  }

  put(record: VectorStoreRecord): Promise<void> {
    return this.store.put(keys.vectorStore(record.id), record, { metadata: inlineMetadata(record) });
  }

  delete(id: string): Promise<void> {
    return this.store.delete(keys.vectorStore(id));
  }

  /** All vector stores, oldest first. */
  list(): Promise<VectorStoreRecord[]> {
    return listValues<VectorStoreRecord>(this.store, keys.vectorStorePrefix());
  }

  getBatch(vectorStoreId: string, batchId: string): Promise<FileBatchRecord | null> {
    return this.store.get<FileBatchRecord>(keys.fileBatch(vectorStoreId, batchId));
  }

  putBatch(batch: FileBatchRecord): Promise<void> {
    return this.store.put(keys.fileBatch(batch.vector_store_id, batch.id), batch);
  }

  /** Deletes every batch record of a store (when the store goes). */
  deleteBatches(vectorStoreId: string): Promise<number> {
    return deletePrefix(this.store, keys.fileBatchPrefix(vectorStoreId));
  }
}
