/**
 * The Files service: storing an upload as OpenAI's `file` object plus its bytes, and deleting a
 * file, which (as on OpenAI) also removes it from every vector store it is attached to.
 */
import type { Stores } from "../store";
import { clock, nowSeconds } from "../util/clock";
import { detachFile } from "../vector-stores/attach";
import type { SearchDeps } from "../vector-stores/deps";
import type { OpenAIFile } from "../wire/files";
import type { FileUpload } from "./parse-upload";

/** Stores an upload (2 KV writes) and returns its object. */
export async function uploadFile(stores: Stores, upload: FileUpload): Promise<OpenAIFile> {
  const created = nowSeconds();
  const file: OpenAIFile = {
    id: clock().sortableId("file-"),
    object: "file",
    bytes: upload.bytes.byteLength,
    created_at: created,
    ...(upload.expiresAfterSeconds === undefined ? {} : { expires_at: created + upload.expiresAfterSeconds }),
    filename: upload.filename,
    purpose: upload.purpose,
    status: "processed",
  };
  await stores.files.put(file, upload.bytes, upload.contentType, upload.expiresAfterSeconds);
  return file;
}

/** Detaches a file from every vector store holding it, then deletes it. */
export async function deleteFile(deps: SearchDeps, fileId: string): Promise<void> {
  const storeIds = await deps.stores.files.refs(fileId);
  for (const vs of storeIds) {
    const record = await deps.stores.vectorStoreFiles.get(vs, fileId);
    if (record) await detachFile(deps, record);
    else await deps.stores.files.removeRef(fileId, vs);
  }
  await deps.stores.files.delete(fileId);
}
