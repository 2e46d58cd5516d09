/**
 * Issued API keys in KV, found by the SHA-256 (hex) of the key a client sends
 * (`apikey/{digest}`: the request path, one read) and by their admin id (`apikeyid/{id}`:
 * edit, revoke, listing). The key itself is never written anywhere. A save writes both
 * keys; the id entry carries the record in its metadata when it fits, so listing N keys
 * costs ceil(N / 1000) list operations.
 */
import type { IssuedKeyRecord } from "../wire/admin-keys";
import { keys } from "./keys";
import { JsonKv } from "./kv-json";
import { KvWriter } from "./kv-writer";
import { inlineMetadata, listValues } from "./list-values";

/** What `apikeyid/{id}` holds: the digest that finds the key's own entry, and the record. */
export interface IssuedKeyEntry {
  digest: string;
  record: IssuedKeyRecord;
}

export class ApiKeysRepo {
  constructor(private readonly store: JsonKv) {}

  /** The record for a key's digest, or null when no such key was issued. */
  getByDigest(digestHex: string): Promise<IssuedKeyRecord | null> {
    return this.store.get<IssuedKeyRecord>(keys.apiKey(digestHex));
  }

  /** The entry for an admin id (`key_…`), or null. */
  getById(id: string): Promise<IssuedKeyEntry | null> {
    return this.store.get<IssuedKeyEntry>(keys.apiKeyById(id));
  }

  /** Every issued key (revoked ones too), oldest first. */
  list(): Promise<IssuedKeyEntry[]> {
    return listValues<IssuedKeyEntry>(this.store, keys.apiKeyByIdPrefix());
  }

  /** Writes a key's record under its digest and its id (two writes: creation and admin edits only). */
  async save(digestHex: string, record: IssuedKeyRecord): Promise<void> {
    const entry: IssuedKeyEntry = { digest: digestHex, record };
    await this.store.put(keys.apiKey(digestHex), record);
    await this.store.put(keys.apiKeyById(record.id), entry, { metadata: inlineMetadata(entry) });
  }

  /** Writes the digest entry alone (kept for callers that know only the digest). */
  put(digestHex: string, record: IssuedKeyRecord): Promise<void> {
    return this.store.put(keys.apiKey(digestHex), record);
  }
}

/** The keys repository alone (the admin API and authentication need no other store). */
export function apiKeysRepo(kv: KVNamespace, writeSpacingMs?: number): ApiKeysRepo {
  return new ApiKeysRepo(new JsonKv(new KvWriter(kv, { spacingMs: writeSpacingMs })));
}
