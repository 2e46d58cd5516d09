/**
 * Reads every value under a key prefix in key (= creation) order. Values small enough to
 * live in a key's metadata (KV allows 1,024 bytes) come back with the listing itself, so
 * only large ones cost a read each: a listing is ceil(n / 1000) list operations plus one
 * read per large value, made as bulk reads of up to 100 keys (one operation each).
 */
import type { JsonKv } from "./kv-json";

const METADATA_LIMIT = 1024;
const encoder = new TextEncoder();

/** The metadata to store beside a value: the value itself when it fits. */
export function inlineMetadata(value: unknown): unknown {
  const text = JSON.stringify(value);
  return encoder.encode(text).byteLength <= METADATA_LIMIT ? value : undefined;
}

export async function listValues<T>(store: JsonKv, prefix: string): Promise<T[]> {
  const names: { name: string; inline: T | undefined }[] = [];
  let cursor: string | undefined;
  do {
    const page: KVNamespaceListResult<T, string> = await store.kv.list<T>(cursor ? { prefix, cursor } : { prefix });
    for (const k of page.keys) names.push({ name: k.name, inline: k.metadata ?? undefined });
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  // Values too large for metadata, read in bulk: KV counts a bulk read of up to 100 keys as one
  // of a Worker invocation's 1,000 operations (it still bills one read per key), so a long
  // thread of large messages stays far inside that limit.
  const large = names.filter((k) => k.inline === undefined).map((k) => k.name);
  const read = new Map<string, T | null>();
  for (let i = 0; i < large.length; i += BULK_READ_KEYS) {
    const found = await store.getMany<T>(large.slice(i, i + BULK_READ_KEYS));
    for (const [key, value] of found) read.set(key, value);
  }
  const values = names.map((k) => k.inline ?? read.get(k.name));
  return values.filter((v): v is T => v !== null && v !== undefined);
}

/** The most keys one bulk read takes. */
const BULK_READ_KEYS = 100;

/** The key names under a prefix with the prefix cut off, in key order (one list per 1,000 keys). */
export async function listNames(store: JsonKv, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.kv.list(cursor ? { prefix, cursor } : { prefix });
    for (const k of page.keys) names.push(k.name.slice(prefix.length));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return names;
}

/** Deletes every key under a prefix (used when a thread goes), a few at a time, through the write layer. */
export async function deletePrefix(store: JsonKv, prefix: string): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await store.kv.list(cursor ? { prefix, cursor } : { prefix });
    await store.writer.writeAll(page.keys, (k) => store.delete(k.name));
    count += page.keys.length;
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return count;
}
