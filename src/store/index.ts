/**
 * The repositories over the CACHE namespace, built once per request for the request's project.
 * They share one write layer (kv-writer.ts), so every write and delete is paced and retried the
 * same way. The project's objects live in its view of the namespace (project-kv.ts: `p/{project}/`
 * before every key, none for the default project); what is not any project's (issued keys,
 * generated images behind their capability URLs, the response cache, whose key carries the
 * project itself: src/cache) uses the namespace as it is.
 */
import { DEFAULT_PROJECT } from "../keys/principal";
import { ApiKeysRepo } from "./api-keys-repo";
import { AssistantsRepo } from "./assistants-repo";
import { ImagesRepo } from "./images-repo";
import { ConversationsRepo } from "./conversations-repo";
import { FilesRepo } from "./files-repo";
import { ImportedHistoryRepo } from "./imported-history-repo";
import { JsonKv } from "./kv-json";
import { KvWriter } from "./kv-writer";
import { MessagesRepo } from "./messages-repo";
import { projectKv, projectPrefix } from "./project-kv";
import { ResponseCacheRepo } from "./response-cache-repo";
import { ResponsesRepo } from "./responses-repo";
import { RoutingOverrideRepo } from "./routing-override-repo";
import { RunsRepo } from "./runs-repo";
import { ThreadsRepo } from "./threads-repo";
import { VectorStoreFilesRepo } from "./vector-store-files-repo";
import { VectorStoresRepo } from "./vector-stores-repo";

export interface Stores {
  /** Issued API keys: global, not per project. */
  apiKeys: ApiKeysRepo;
  /** The rest belong to the project the stores were made for, except where noted. */
  assistants: AssistantsRepo;
  threads: ThreadsRepo;
  messages: MessagesRepo;
  runs: RunsRepo;
  /** Global: an image's URL is its credential (no API key), like OpenAI's signed URLs. */
  images: ImagesRepo;
  /** Global: the cache key includes the project unless CACHE_SCOPE=shared (src/cache/open-cache.ts). */
  responseCache: ResponseCacheRepo;
  responses: ResponsesRepo;
  conversations: ConversationsRepo;
  files: FilesRepo;
  vectorStores: VectorStoresRepo;
  vectorStoreFiles: VectorStoreFilesRepo;
  /** Global: the admin console's routing override (one key). */
  routingOverride: RoutingOverrideRepo;
  /** Thread histories imported from an OpenAI export (admin import). */
  imported: ImportedHistoryRepo;
}

/**
 * `writeSpacingMs`: Config.kvWriteSpacingMs, the least time between two writes to one key (0: no
 * pacing). `project`: the request's (`ctx.principal.project`); the default project's keys are unprefixed.
 */
export function createStores(kv: KVNamespace, writeSpacingMs?: number, project: string = DEFAULT_PROJECT): Stores {
  const globalWriter = new KvWriter(kv, { spacingMs: writeSpacingMs });
  const global = new JsonKv(globalWriter);
  const writer = new KvWriter(projectKv(kv, project), { spacingMs: writeSpacingMs, keyPrefix: projectPrefix(project) });
  const store = new JsonKv(writer);
  return {
    apiKeys: new ApiKeysRepo(global),
    assistants: new AssistantsRepo(store),
    threads: new ThreadsRepo(store),
    messages: new MessagesRepo(store),
    runs: new RunsRepo(store),
    images: new ImagesRepo(globalWriter),
    responseCache: new ResponseCacheRepo(globalWriter),
    responses: new ResponsesRepo(store),
    conversations: new ConversationsRepo(store),
    files: new FilesRepo(store),
    vectorStores: new VectorStoresRepo(store),
    vectorStoreFiles: new VectorStoreFilesRepo(store),
    routingOverride: new RoutingOverrideRepo(global),
    imported: new ImportedHistoryRepo(store),
  };
}
