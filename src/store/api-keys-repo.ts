/**
 * Issued API keys in KV, found by the SHA-256 (hex) of the key a client sends; the key
 * itself is never written anywhere.
 */
import type { IssuedKeyRecord } from "../wire/admin-keys";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";

export class ApiKeysRepo {
  constructor(private readonly store: JsonKv) {}

  /** The record for a key's digest, or null when no such key was issued. */
  getByDigest(digestHex: string): Promise<IssuedKeyRecord | null> {
    return this.store.get<IssuedKeyRecord>(keys.apiKey(digestHex));
  }

  put(digestHex: string, record: IssuedKeyRecord): Promise<void> {
    return this.store.put(keys.apiKey(digestHex), record);
  }
}
