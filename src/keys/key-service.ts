/**
 * Issuing and managing keys for the admin API, on plain inputs: the keys repository, each
 * key's limiter (its Durable Object), a clock and an id source. A new key is minted in the
 * keygen format, shown once, and stored only as its SHA-256; edits and revocation write KV
 * (two writes: the digest entry and the id entry), forget the isolate's cached lookup, and
 * tell the key's Durable Object, so they hold at once wherever requests consult it.
 *
 * Costs: create 2 KV writes + 1 DO request; get 1 KV read; edit and revoke 1 read + 2 writes
 * + 1 DO request; list ceil(N / 1000) KV lists + 1 DO request per key (its last-used day);
 * usage 1 DO request per key read.
 */
import { OpenAIError } from "../http/errors";
import type { ApiKeysRepo, IssuedKeyEntry } from "../store/api-keys-repo";
import type { CreatedKey, IssuedKeyRecord, KeyUsageRow, ListedKey } from "../wire/admin-keys";
import { keyDigestHex } from "./key-digest";
import { RANDOM_CHARS, makeKey, redactKey } from "./key-format";
import { type KeyLimitsFor, utcDay } from "./limits";
import type { KeyEdit, NewKeyInput } from "./parse-key-input";

export interface KeyServiceDeps {
  repo: ApiKeysRepo;
  limits: KeyLimitsFor;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A new `key_…` id (time-sortable, so listings come oldest first). */
  newKeyId(): string;
  /** Drops a cached lookup of the key in this isolate (keys/lookup-issued-key.ts). */
  forget(digestHex: string): void;
}

/** The longest usage window the admin API reads, in days. */
export const MAX_USAGE_DAYS = 366;

export async function createKey(deps: KeyServiceDeps, input: NewKeyInput): Promise<CreatedKey> {
  const key = makeKey(input.user);
  const digest = await keyDigestHex(key);
  const record: IssuedKeyRecord = {
    id: deps.newKeyId(),
    object: "admin.api_key",
    name: input.name,
    user: input.user,
    project: input.project,
    redacted_value: redactKey(key),
    created_at: Math.floor(deps.now() / 1000),
    revoked_at: null,
    policy: input.policy,
  };
  await deps.repo.save(digest, record);
  // A fresh object knows nothing yet; telling it now makes it the authority from the first request.
  await deps.limits(record.id).configure(record.policy, null);
  return { key, ...record };
}

export async function listKeys(deps: KeyServiceDeps): Promise<ListedKey[]> {
  const entries = await deps.repo.list();
  const since = utcDay(deps.now());
  return Promise.all(
    entries.map(async ({ record }) => {
      const { last_used_day } = await deps.limits(record.id).usage(since);
      return { ...record, last_used_day };
    }),
  );
}

export async function getKey(deps: KeyServiceDeps, id: string): Promise<IssuedKeyRecord> {
  return (await entryOf(deps, id)).record;
}

export async function editKey(deps: KeyServiceDeps, id: string, edit: (current: IssuedKeyRecord) => KeyEdit): Promise<IssuedKeyRecord> {
  const entry = await entryOf(deps, id);
  const change = edit(entry.record);
  const record: IssuedKeyRecord = { ...entry.record, policy: change.policy, ...(change.name !== undefined ? { name: change.name } : {}) };
  return save(deps, entry.digest, record);
}

/** Revokes a key (again: keeps the first revocation time). */
export async function revokeKey(deps: KeyServiceDeps, id: string): Promise<IssuedKeyRecord> {
  const entry = await entryOf(deps, id);
  const record: IssuedKeyRecord = { ...entry.record, revoked_at: entry.record.revoked_at ?? Math.floor(deps.now() / 1000) };
  return save(deps, entry.digest, record);
}

/** Usage per day per model over the last `days` UTC days (today included), of one key or of every key. */
export async function keyUsage(deps: KeyServiceDeps, days: number, id?: string): Promise<KeyUsageRow[]> {
  const records = id === undefined ? (await deps.repo.list()).map((e) => e.record) : [(await entryOf(deps, id)).record];
  const since = utcDay(deps.now() - (days - 1) * 86_400_000);
  const perKey = await Promise.all(
    records.map(async (record) => {
      const { rows } = await deps.limits(record.id).usage(since);
      return rows.map((r) => ({
        key_id: record.id,
        key_name: record.name,
        day: r.day,
        model: r.model,
        requests: r.requests,
        input_tokens: r.input_tokens,
        output_tokens: r.output_tokens,
        total_tokens: r.input_tokens + r.output_tokens,
      }));
    }),
  );
  return perKey.flat().sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

async function save(deps: KeyServiceDeps, digest: string, record: IssuedKeyRecord): Promise<IssuedKeyRecord> {
  await deps.repo.save(digest, record);
  deps.forget(digest);
  await deps.limits(record.id).configure(record.policy, record.revoked_at);
  return record;
}

async function entryOf(deps: KeyServiceDeps, id: string): Promise<IssuedKeyEntry> {
  const entry = /^key_[A-Za-z0-9_-]{1,128}$/.test(id) ? await deps.repo.getById(id) : null;
  if (!entry) throw new OpenAIError(404, `No API key found with id '${id}'.`, { code: "key_not_found" });
  return entry;
}

/** Keys are `sk-{user}-{RANDOM_CHARS base62}`; exported for tests that check the shape. */
export const KEY_SHAPE = new RegExp(`^sk-[A-Za-z0-9-]+-[A-Za-z0-9]{${RANDOM_CHARS}}$`);
