/**
 * JSON values in KV for the repositories: reads parse JSON, writes and deletes go through the
 * write layer (`kv-writer.ts`: per-key serialization, spacing, 429 retries).
 */
import type { KvWriteOptions, KvWriter } from "./kv-writer";

export class JsonKv {
  constructor(readonly writer: KvWriter) {}

  /** The namespace, for reads and listings (writes go through `put` and `delete`). */
  get kv(): KVNamespace {
    return this.writer.kv;
  }

  get<T>(key: string): Promise<T | null> {
    return this.writer.kv.get<T>(key, "json");
  }

  /** Several keys in one bulk read (KV bills one read per key; at most 100 keys). */
  async getMany<T>(keys: readonly string[]): Promise<Map<string, T | null>> {
    if (keys.length === 0) return new Map();
    return this.writer.kv.get<T>([...keys], "json");
  }

  put(key: string, value: unknown, options: KvWriteOptions = {}): Promise<void> {
    return this.writer.put(key, JSON.stringify(value), options);
  }

  delete(key: string): Promise<void> {
    return this.writer.delete(key);
  }
}
