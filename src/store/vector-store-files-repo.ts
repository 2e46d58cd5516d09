/**
 * Files attached to vector stores (keys `vsfile/{vs}/{file}` and `vschunks/{vs}/{file}`; see
 * keys.ts). The record (the VectorStoreFileObject plus what indexing learnt) rides in its key's
 * metadata, so a store's file listing, its file counts and a search's file set cost one list
 * operation; the chunks (text, spans, vectors) are one binary value per file (chunk-pack.ts).
 *
 * Indexing a file: 1 chunks write + 1 record write, whatever the number of chunks.
 * Searching a store: 1 list + 1 read per file searched.
 */
import type { VectorStoreFileObject } from "../wire/files";
import { type ChunkPack, decodeChunkPack, encodeChunkPack } from "./chunk-pack";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { inlineMetadata, listValues } from "./list-values";

export interface VectorStoreFileRecord {
  file: VectorStoreFileObject;
  filename: string;
  /** Chunks indexed (0 until completed); Vectorize ids are derived from it. */
  chunks: number;
  /** The batch that attached it, if any. */
  batchId: string | null;
}

export class VectorStoreFilesRepo {
  constructor(private readonly store: JsonKv) {}

  get(vectorStoreId: string, fileId: string): Promise<VectorStoreFileRecord | null> {
    return this.store.get<VectorStoreFileRecord>(keys.vectorStoreFile(vectorStoreId, fileId));
  }

  put(record: VectorStoreFileRecord): Promise<void> {
    return this.store.put(keys.vectorStoreFile(record.file.vector_store_id, record.file.id), record, { metadata: inlineMetadata(record) });
  }

  /** Every file of a store, in file-id (= upload) order. */
  list(vectorStoreId: string): Promise<VectorStoreFileRecord[]> {
    return listValues<VectorStoreFileRecord>(this.store, keys.vectorStoreFilePrefix(vectorStoreId));
  }

  /** Deletes the record and the chunks. */
  async delete(vectorStoreId: string, fileId: string): Promise<void> {
    await this.store.writer.writeAll([keys.vectorStoreFile(vectorStoreId, fileId), keys.chunks(vectorStoreId, fileId)], (key) =>
      this.store.delete(key),
    );
  }

  putChunks(vectorStoreId: string, fileId: string, pack: ChunkPack): Promise<void> {
    return this.store.writer.put(keys.chunks(vectorStoreId, fileId), encodeChunkPack(pack));
  }

  async getChunks(vectorStoreId: string, fileId: string): Promise<ChunkPack | null> {
    const bytes = await this.store.kv.get(keys.chunks(vectorStoreId, fileId), "arrayBuffer");
    return bytes === null ? null : decodeChunkPack(bytes);
  }
}
