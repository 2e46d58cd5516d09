/**
 * The repositories over the CACHE namespace, built once per request. They share one write
 * layer (kv-writer.ts), so every write and delete is paced and retried the same way.
 */
import { ApiKeysRepo } from "./api-keys-repo";
import { AssistantsRepo } from "./assistants-repo";
import { ImagesRepo } from "./images-repo";
import { ConversationsRepo } from "./conversations-repo";
import { FilesRepo } from "./files-repo";
import { ImportedHistoryRepo } from "./imported-history-repo";
import { JsonKv } from "./kv-json";
import { KvWriter } from "./kv-writer";
import { MessagesRepo } from "./messages-repo";
import { ResponseCacheRepo } from "./response-cache-repo";
import { ResponsesRepo } from "./responses-repo";
import { RunsRepo } from "./runs-repo";
import { ThreadsRepo } from "./threads-repo";
import { VectorStoreFilesRepo } from "./vector-store-files-repo";
import { VectorStoresRepo } from "./vector-stores-repo";

export interface Stores {
  /** Issued API keys: global, not per project. */
  apiKeys: ApiKeysRepo;
  assistants: AssistantsRepo;
  threads: ThreadsRepo;
  messages: MessagesRepo;
  runs: RunsRepo;
  images: ImagesRepo;
  responseCache: ResponseCacheRepo;
  responses: ResponsesRepo;
  conversations: ConversationsRepo;
  files: FilesRepo;
  vectorStores: VectorStoresRepo;
  vectorStoreFiles: VectorStoreFilesRepo;
  /** Thread histories imported from an OpenAI export (admin import). */
  imported: ImportedHistoryRepo;
}

/** `writeSpacingMs`: Config.kvWriteSpacingMs, the least time between two writes to one key (0: no pacing). */
export function createStores(kv: KVNamespace, writeSpacingMs?: number): Stores {
  const writer = new KvWriter(kv, { spacingMs: writeSpacingMs });
  const store = new JsonKv(writer);
  return {
    apiKeys: new ApiKeysRepo(store),
    assistants: new AssistantsRepo(store),
    threads: new ThreadsRepo(store),
    messages: new MessagesRepo(store),
    runs: new RunsRepo(store),
    images: new ImagesRepo(writer),
    responseCache: new ResponseCacheRepo(writer),
    responses: new ResponsesRepo(store),
    conversations: new ConversationsRepo(store),
    files: new FilesRepo(store),
    vectorStores: new VectorStoresRepo(store),
    vectorStoreFiles: new VectorStoreFilesRepo(store),
    imported: new ImportedHistoryRepo(store),
  };
}
