/**
 * Reads every value under a key prefix in key (= creation) order. Values small enough to
 * live in a key's metadata (KV allows 1,024 bytes) come back with the listing itself, so
 * only large ones cost a read each: a listing is ceil(n / 1000) list operations plus one
 * read per large value.
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
  const values = await Promise.all(names.map(async (k) => k.inline ?? (await store.get<T>(k.name))));
  return values.filter((v): v is Awaited<T> & T => v !== null && v !== undefined);
}

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
