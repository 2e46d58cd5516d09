/**
 * Uploaded files (keys `file/{id}`, `filedata/{id}`, `fileref/{id}/{vs}`; see keys.ts): the
 * OpenAIFile object, small enough to ride in its key's metadata so a listing costs one list
 * operation, and the bytes under their own key so retrieving the object never reads them.
 *
 * Upload: 2 writes. Retrieve: 1 read. Content: 1 read (+1 for the object). List: 1 list per
 * 1,000 files. Delete: 1 list (the stores it is attached to) and 2 deletes, plus what
 * detaching from each store costs (vector-store-files-repo.ts).
 */
import type { OpenAIFile } from "../wire/files";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { inlineMetadata, listNames, listValues } from "./list-values";

export interface FileContent {
  bytes: ArrayBuffer;
  contentType: string;
}

export class FilesRepo {
  constructor(private readonly store: JsonKv) {}

  /** Stores the bytes and the object; `ttlSeconds` when the file expires. */
  async put(file: OpenAIFile, bytes: Uint8Array, contentType: string, ttlSeconds?: number): Promise<void> {
    const ttl = ttlSeconds === undefined ? {} : { expirationTtl: Math.max(60, ttlSeconds) };
    await this.store.writer.put(keys.fileData(file.id), bytes, { ...ttl, metadata: { contentType } });
    await this.store.put(keys.file(file.id), file, { ...ttl, metadata: inlineMetadata(file) });
  }

  get(id: string): Promise<OpenAIFile | null> {
    return this.store.get<OpenAIFile>(keys.file(id));
  }

  /** The bytes as uploaded, or null when the file is gone. */
  async content(id: string): Promise<FileContent | null> {
    const { value, metadata } = await this.store.kv.getWithMetadata<{ contentType?: string }>(keys.fileData(id), "arrayBuffer");
    if (value === null) return null;
    return { bytes: value, contentType: metadata?.contentType ?? "application/octet-stream" };
  }

  /** Every file, oldest first. */
  list(): Promise<OpenAIFile[]> {
    return listValues<OpenAIFile>(this.store, keys.filePrefix());
  }

  /** Deletes the object and the bytes. */
  async delete(id: string): Promise<void> {
    await this.store.writer.writeAll([keys.file(id), keys.fileData(id)], (key) => this.store.delete(key));
  }

  /** Records that a file is attached to a vector store. */
  addRef(fileId: string, vectorStoreId: string): Promise<void> {
    return this.store.writer.put(keys.fileRef(fileId, vectorStoreId), "");
  }

  removeRef(fileId: string, vectorStoreId: string): Promise<void> {
    return this.store.delete(keys.fileRef(fileId, vectorStoreId));
  }

  /** The vector stores a file is attached to. */
  refs(fileId: string): Promise<string[]> {
    return listNames(this.store, keys.fileRefPrefix(fileId));
  }
}
