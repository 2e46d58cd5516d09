/**
 * The KV key layout of the CACHE namespace — the only place key names are spelled (README,
 * "Storage: KV keys and operations", has the same table).
 *
 *   asst/{assistant_id}                 AssistantObject
 *   thread/{thread_id}                  ThreadObject
 *   active/{thread_id}                  {run_id, expires_at, record}: the run being generated;
 *                                       locks the thread (TTL: the run's expiry + 60 s)
 *   msg/{thread_id}/{message_id}        MessageObject; small ones are also the key's metadata,
 *                                       so a listing needs no per-message read
 *   run/{thread_id}/{run_id}            {run, steps, revision}: a run once a turn ends or pauses
 *                                       (see runs-repo.ts for how the two copies combine)
 *   cache/{kind}/{sha256 hex}           a response-cache entry {v, createdAt, expiresAt, value}
 *                                       (kind: chat | embeddings; TTL: the entry's lifetime)
 *   image/{image_id}                    image bytes, metadata {contentType}; TTL IMAGE_TTL_SECONDS
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
  responseCache: (kind: string, hash: string) => `cache/${kind}/${hash}`,
  image: (id: string) => `image/${id}`,
} as const;
