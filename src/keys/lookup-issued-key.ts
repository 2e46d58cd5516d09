/**
 * Finds an issued key by the digest of what the client sent, refusing revoked and expired
 * ones. Lookups are remembered in the isolate for a few seconds so a busy client costs one
 * KV read per isolate per few seconds, not one per request; a revocation therefore takes
 * effect within LOOKUP_CACHE_MS on isolates that cached the key (plus KV's own propagation
 * to other locations: up to 60 s).
 */
import { OpenAIError } from "../http/errors";
import { createStores } from "../store";
import type { IssuedKeyRecord } from "../wire/admin-keys";

export const LOOKUP_CACHE_MS = 5_000;

const cache = new Map<string, { record: IssuedKeyRecord | null; until: number }>();

/** The live record for the key with this SHA-256 (hex), null when none was issued; throws 401 for a revoked or expired key. */
export async function lookupIssuedKey(kv: KVNamespace, digestHex: string, now = Date.now()): Promise<IssuedKeyRecord | null> {
  let hit = cache.get(digestHex);
  if (!hit || hit.until <= now) {
    const record = await createStores(kv).apiKeys.getByDigest(digestHex);
    hit = { record, until: now + LOOKUP_CACHE_MS };
    if (cache.size > 1000) cache.clear();
    cache.set(digestHex, hit);
  }
  const record = hit.record;
  if (!record) return null;
  if (record.revoked_at !== null) {
    throw new OpenAIError(401, "This API key has been revoked.", { code: "invalid_api_key" });
  }
  if (record.policy.expires_at !== null && record.policy.expires_at * 1000 <= now) {
    throw new OpenAIError(401, "This API key has expired.", { code: "invalid_api_key" });
  }
  return record;
}

/** Forgets a cached lookup (the admin API calls it on revoke and edit, for this isolate). */
export function forgetIssuedKey(digestHex: string): void {
  cache.delete(digestHex);
}
