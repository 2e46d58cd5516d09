/**
 * Issued API keys as the admin API shows and stores them. The key itself is never stored:
 * only the SHA-256 of it (the KV key) and a redacted form for people to recognise it by.
 */

/** What an issued key may do; null fields mean "no limit". */
export interface IssuedKeyPolicy {
  /** Model-name globs (`*` matches any run of characters); null allows every model. */
  models: string[] | null;
  requests_per_minute: number | null;
  tokens_per_day: number | null;
  /** Unix seconds after which the key is refused; null for never. */
  expires_at: number | null;
}

export interface IssuedKeyRecord {
  /** `key_…`: how the admin API names the key (never the key itself). */
  id: string;
  object: "admin.api_key";
  /** A label for people (e.g. "Alice's laptop"). */
  name: string;
  /** The `{user}` part of `sk-{user}-{random}`. */
  user: string;
  /** The project its requests act for (src/keys/principal.ts). */
  project: string;
  /** e.g. `sk-alice-...x7Qa`: enough to recognise, not to use. */
  redacted_value: string;
  created_at: number;
  /** Unix seconds; null while the key works. */
  revoked_at: number | null;
  policy: IssuedKeyPolicy;
}

/** `POST /admin/api/keys`: the record plus the key itself, shown this once and never again. */
export interface CreatedKey extends IssuedKeyRecord {
  key: string;
}

/** A key as `GET /admin/api/keys` lists it: the record and the last day it was used (UTC). */
export interface ListedKey extends IssuedKeyRecord {
  last_used_day: string | null;
}

/** One row of `GET /admin/api/usage`: one key's use of one model on one day (UTC). */
export interface KeyUsageRow {
  key_id: string;
  key_name: string;
  day: string;
  model: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}
