/**
 * The response cache's store of record: entries (JSON text, or JSON followed by a binary tail)
 * under `cache/{kind}/{hash}` (keys.ts), written through the write layer. The cache must never fail a request, so
 * nothing here throws: a read that fails or takes longer than 2 s is logged and reads as a
 * miss; a write that fails (after the layer's 429 retries) is logged and skipped. What an
 * entry holds, and the per-location first tier in front of KV, are src/cache's business.
 */
import { keys } from "./keys";
import type { KvWriter } from "./kv-writer";

/** A KV read slower than this is abandoned and the request served as a miss. */
const READ_TIMEOUT_MS = 2_000;

export class ResponseCacheRepo {
  constructor(private readonly writer: KvWriter) {}

  /** The entry's text, or undefined when there is none or KV failed or was too slow. */
  get(kind: string, hash: string): Promise<string | undefined> {
    return this.#read(kind, hash, (key) => this.writer.kv.get(key, "text"));
  }

  /** The entry's bytes (an entry may carry a binary tail), or undefined as for `get`. */
  async getBytes(kind: string, hash: string): Promise<Uint8Array | undefined> {
    const buffer = await this.#read(kind, hash, (key) => this.writer.kv.get(key, "arrayBuffer"));
    return buffer === undefined ? undefined : new Uint8Array(buffer);
  }

  async #read<T>(kind: string, hash: string, read: (key: string) => Promise<T | null>): Promise<T | undefined> {
    const key = keys.responseCache(kind, hash);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
    });
    try {
      const value = await Promise.race([read(key), timeout]);
      return value ?? undefined;
    } catch (err) {
      console.warn(`response cache: KV read of ${key} failed; serving uncached:`, describe(err));
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stores the entry (text or bytes) for `ttlSeconds`; a failure is logged, never thrown. */
  async put(kind: string, hash: string, entry: string | Uint8Array, ttlSeconds: number): Promise<void> {
    const key = keys.responseCache(kind, hash);
    try {
      await this.writer.put(key, entry, { expirationTtl: ttlSeconds });
    } catch (err) {
      // Typically 429: the daily write quota (1,000 on the free plan) or 1 write/s per key.
      console.warn(`response cache: KV write of ${key} failed; the response was served uncached:`, describe(err));
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
