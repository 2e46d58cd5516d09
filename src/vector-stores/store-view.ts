/**
 * A vector store and a file batch as the API shows them: their own fields plus file counts,
 * usage and status derived from the store's file records (never stored, so concurrent indexing
 * needs no shared counter).
 */
import type { FileBatchRecord, VectorStoreRecord } from "../store/vector-stores-repo";
import type { VectorStoreFileRecord } from "../store/vector-store-files-repo";
import type { FileCounts, FileStatus, VectorStoreFileBatchObject, VectorStoreObject } from "../wire/files";

const DAY_SECONDS = 86_400;

/** Counts by status (records or just their `file` objects). */
export function countFiles(files: readonly Pick<VectorStoreFileRecord, "file">[]): FileCounts {
  const counts: FileCounts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: files.length };
  for (const f of files) counts[f.file.status]++;
  return counts;
}

/** When a store expires, or null when it does not. */
export function expiresAt(record: VectorStoreRecord): number | null {
  return record.expires_after ? record.last_active_at + record.expires_after.days * DAY_SECONDS : null;
}

export function vectorStoreObject(
  record: VectorStoreRecord,
  files: readonly Pick<VectorStoreFileRecord, "file">[],
  now: number,
): VectorStoreObject {
  const file_counts = countFiles(files);
  const expires_at = expiresAt(record);
  const status = expires_at !== null && now >= expires_at ? "expired" : file_counts.in_progress > 0 ? "in_progress" : "completed";
  return {
    id: record.id,
    object: "vector_store",
    created_at: record.created_at,
    name: record.name,
    usage_bytes: files.reduce((sum, f) => sum + f.file.usage_bytes, 0),
    file_counts,
    status,
    ...(record.expires_after ? { expires_after: record.expires_after } : {}),
    expires_at,
    last_active_at: record.last_active_at,
    metadata: record.metadata,
  };
}

/** A batch's object: counts over the files it attached (`files` is the store's listing). */
export function fileBatchObject(
  batch: FileBatchRecord,
  files: readonly Pick<VectorStoreFileRecord, "file" | "batchId">[],
): VectorStoreFileBatchObject {
  const file_counts = countFiles(files.filter((f) => f.batchId === batch.id));
  const status: FileStatus = batch.cancelled ? "cancelled" : file_counts.in_progress > 0 ? "in_progress" : "completed";
  return {
    id: batch.id,
    object: "vector_store.files_batch",
    created_at: batch.created_at,
    vector_store_id: batch.vector_store_id,
    status,
    file_counts,
  };
}
