/**
 * The KV key layout of the CACHE namespace — the only place key names are spelled (README,
 * "Storage: KV keys and operations", has the same table).
 *
 * Projects: the keys below are the default project's. Another project's objects have the same
 * keys under `p/{project}/` (project URI-encoded): repositories spell them as below and get a
 * prefixed view of the namespace (project-kv.ts, built by createStores). Not per project, never
 * prefixed: `apikey/`, `image/` and `cache/` (whose hash includes the project: src/cache).
 * No key below may start with `p/`.
 *
 *   asst/{assistant_id}                 AssistantObject
 *   thread/{thread_id}                  ThreadObject
 *   active/{thread_id}                  {run_id, expires_at, record}: the run being generated
 *                                       (TTL: the run's expiry + 60 s; the thread's lock is
 *                                       its Durable Object's, src/coordination)
 *   msg/{thread_id}/{message_id}        MessageObject; small ones are also the key's metadata,
 *                                       so a listing needs no per-message read
 *   run/{thread_id}/{run_id}            {run, steps, revision}: a run once a turn ends or pauses
 *                                       (see runs-repo.ts for how the two copies combine)
 *   msg/{thread_id}/imported            {object: "imported.messages", data}: every message of a thread
 *                                       imported from an OpenAI export, in one value (imported-history-repo.ts);
 *                                       inside the thread's msg/ prefix so listing a thread finds it at no cost
 *   run/{thread_id}/imported            {object: "imported.runs", data}: the imported runs with their steps
 *   cache/{kind}/{sha256 hex}           a response-cache entry {v, createdAt, expiresAt, value}
 *                                       (kind: chat | embeddings; TTL: the entry's lifetime; the
 *                                       hash covers the project unless CACHE_SCOPE=shared)
 *   image/{image_id}                    image bytes, metadata {contentType}; TTL IMAGE_TTL_SECONDS
 *   resp/{response_id}                  {response, input, context}: a stored response, this turn's
 *                                       input items, and the whole context a continuation inherits
 *   conv/{conversation_id}              ConversationObject
 *   item/{conversation_id}/{sortable}   a conversation item, keyed by its id without the type prefix
 *                                       (`msg_`, `fc_`, …) so keys sort by creation time across types;
 *                                       small items are also the key's metadata
 *   file/{file_id}                      OpenAIFile (also the key's metadata, so a listing needs no reads);
 *                                       TTL when the upload set `expires_after`
 *   filedata/{file_id}                  the file's bytes exactly as uploaded, metadata {contentType}
 *   fileref/{file_id}/{vector_store_id} empty: the stores a file is attached to (so deleting a file
 *                                       detaches it everywhere)
 *   vs/{vector_store_id}                a vector store's own fields (file counts and usage are
 *                                       computed from its `vsfile/` listing, never stored)
 *   vsfile/{vector_store_id}/{file_id}  {file, filename, chunks, batchId}: a VectorStoreFileObject and
 *                                       what indexing learnt; also the key's metadata
 *   vschunks/{vector_store_id}/{file_id} one file's extracted text, chunk spans and vectors, packed
 *                                       in one binary value (store/chunk-pack.ts)
 *   vsbatch/{vector_store_id}/{batch_id} {id, created_at, file_ids, cancelled}: a file batch
 *   apikey/{sha256 hex of the key}      IssuedKeyRecord (wire/admin-keys.ts): an issued key, found by
 *                                       the digest of what a client sends; the key itself is never stored
 *   apikeyid/{key_id}                   {digest, record}: the same key found by its admin id (edit, revoke);
 *                                       also the key's metadata when it fits, so a listing needs no reads
 *   config/routing                      {document, updated_at}: the admin console's routing override
 *                                       (wire/admin-routing.ts), used instead of the UPSTREAMS/ROUTES vars; global
 *   p/{project}/{any key above but apikey/, apikeyid/, image/, cache/, config/}   that key, for a non-default project
 *
 * Ids carry a time prefix (see util/ids.ts), so KV's lexical list order is creation order.
 */

export const keys = {
  assistant: (id: string) => `asst/${id}`,
  assistantPrefix: () => "asst/",
  thread: (id: string) => `thread/${id}`,
  activeRun: (threadId: string) => `active/${threadId}`,
  message: (threadId: string, id: string) => `msg/${threadId}/${id}`,
  messagePrefix: (threadId: string) => `msg/${threadId}/`,
  run: (threadId: string, id: string) => `run/${threadId}/${id}`,
  runPrefix: (threadId: string) => `run/${threadId}/`,
  importedMessages: (threadId: string) => `msg/${threadId}/imported`,
  importedRuns: (threadId: string) => `run/${threadId}/imported`,
  responseCache: (kind: string, hash: string) => `cache/${kind}/${hash}`,
  image: (id: string) => `image/${id}`,
  response: (id: string) => `resp/${id}`,
  conversation: (id: string) => `conv/${id}`,
  conversationItem: (conversationId: string, id: string) => `item/${conversationId}/${id.slice(id.indexOf("_") + 1)}`,
  conversationItemPrefix: (conversationId: string) => `item/${conversationId}/`,
  file: (id: string) => `file/${id}`,
  filePrefix: () => "file/",
  fileData: (id: string) => `filedata/${id}`,
  fileRef: (fileId: string, vectorStoreId: string) => `fileref/${fileId}/${vectorStoreId}`,
  fileRefPrefix: (fileId: string) => `fileref/${fileId}/`,
  vectorStore: (id: string) => `vs/${id}`,
  vectorStorePrefix: () => "vs/",
  vectorStoreFile: (vectorStoreId: string, fileId: string) => `vsfile/${vectorStoreId}/${fileId}`,
  vectorStoreFilePrefix: (vectorStoreId: string) => `vsfile/${vectorStoreId}/`,
  chunks: (vectorStoreId: string, fileId: string) => `vschunks/${vectorStoreId}/${fileId}`,
  fileBatch: (vectorStoreId: string, batchId: string) => `vsbatch/${vectorStoreId}/${batchId}`,
  fileBatchPrefix: (vectorStoreId: string) => `vsbatch/${vectorStoreId}/`,
  apiKey: (digestHex: string) => `apikey/${digestHex}`,
  apiKeyById: (id: string) => `apikeyid/${id}`,
  apiKeyByIdPrefix: () => "apikeyid/",
  routingOverride: () => "config/routing",
  /** Before every key of a non-default project (project-kv.ts); URI-encoded, so it holds no `/`. */
  projectPrefix: (project: string) => `p/${encodeURIComponent(project)}/`,
} as const;
