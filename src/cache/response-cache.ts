/**
 * The response cache: finished results (not rendered bytes) under a hash of the request, in
 * two tiers.
 *
 * - First tier: the Workers Cache API (`caches.default`), per location, free and not
 *   counted against KV's quotas. It only works on a custom domain (on `*.workers.dev` its
 *   operations do nothing), so it is an optimisation, never relied on.
 * - Store of record: KV, through `store/response-cache-repo.ts` (which owns the key),
 *   shared by every location.
 *
 * A lookup tries the first tier, then KV (one read); a KV hit is copied into the first tier.
 * A store writes both (one KV write). Every KV or Cache API failure is logged and treated as
 * a miss or a skipped write: the cache never fails a request. Both tiers hold the same JSON,
 * `{"v":1,"createdAt","expiresAt","value"}`; the first tier's URL is
 * `<request origin>/_ai-forwarder/cache/<kind>/<sha256 hex>`.
 */
import type { ResponseCacheRepo } from "../store/response-cache-repo";

/** The endpoints that cache; each owns the shape of its `value`. */
export type CacheKind = "chat" | "embeddings";

/** Entries larger than this are not written: replaying them saves little and costs KV storage. */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

const ENTRY_VERSION = 1;

interface StoredEntry {
  v: typeof ENTRY_VERSION;
  /** Epoch milliseconds when the result was generated; `age` is measured from it. */
  createdAt: number;
  /** Epoch milliseconds after which the entry is not served, whatever a tier still holds. */
  expiresAt: number;
  value: unknown;
}

export interface CacheHit<T> {
  value: T;
  ageSeconds: number;
  tier: "local" | "kv";
}

export interface ResponseCacheOptions {
  /** The store of record (KV). */
  store: ResponseCacheRepo;
  /** The per-location first tier; omit where there is no Cache API. */
  local?: Cache | undefined;
  /** The request's origin: first-tier keys use the Worker's own hostname, as Cloudflare advises. */
  origin: string;
  /** Background work (writes) that must outlive the response. */
  waitUntil(promise: Promise<unknown>): void;
  maxEntryBytes?: number;
}

export interface LookupOptions<T> {
  /** Entries older than this many seconds are not served. */
  maxAgeSeconds?: number | undefined;
  /** Checks a stored value's shape; entries that fail are ignored (treated as a miss). */
  accept(value: unknown): value is T;
}

export class ResponseCache {
  readonly #store: ResponseCacheRepo;
  readonly #local: Cache | undefined;
  readonly #origin: string;
  readonly #waitUntil: (promise: Promise<unknown>) => void;
  readonly #maxEntryBytes: number;

  constructor(options: ResponseCacheOptions) {
    this.#store = options.store;
    this.#local = options.local;
    this.#origin = options.origin;
    this.#waitUntil = options.waitUntil;
    this.#maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  }

  /** The entry for `hash`, from the first tier (0 KV reads) or KV (1 read); `undefined` on a miss. */
  async lookup<T>(kind: CacheKind, hash: string, options: LookupOptions<T>): Promise<CacheHit<T> | undefined> {
    const now = Date.now();
    const local = await this.#readLocal(kind, hash);
    const fromLocal = local === undefined ? undefined : usable(local, now, options);
    if (fromLocal) return { value: fromLocal.value as T, ageSeconds: ageOf(fromLocal, now), tier: "local" };

    const stored = await this.#store.get(kind, hash);
    if (stored === undefined) return undefined;
    const fromKv = usable(parseEntry(stored), now, options);
    if (!fromKv) return undefined;
    // Later hits at this location skip KV; the copy lives as long as the entry has left.
    this.#waitUntil(this.#writeLocal(kind, hash, stored, fromKv.expiresAt - now));
    return { value: fromKv.value as T, ageSeconds: ageOf(fromKv, now), tier: "kv" };
  }

  /**
   * Stores a value, given as its JSON, in both tiers in the background (`waitUntil`); never
   * throws. Entries over the size cap are skipped. The entry's JSON is put together around the
   * value's (the same text `JSON.stringify` of the entry gives) and encoded once: for a large
   * value, re-serialising and re-encoding it were most of a cache write's CPU (bench:cpu).
   */
  store(kind: CacheKind, hash: string, valueJson: string, ttlSeconds: number): void {
    const createdAt = Date.now();
    const text = `{"v":${ENTRY_VERSION},"createdAt":${createdAt},"expiresAt":${createdAt + ttlSeconds * 1000},"value":${valueJson}}`;
    const bytes = new TextEncoder().encode(text);
    if (bytes.byteLength > this.#maxEntryBytes) {
      console.warn(
        `response cache: not storing the ${kind} entry ${hash}: ${bytes.byteLength} bytes is over the ${this.#maxEntryBytes}-byte cap`,
      );
      return;
    }
    this.#waitUntil(Promise.all([this.#store.put(kind, hash, text, ttlSeconds), this.#writeLocal(kind, hash, bytes, ttlSeconds * 1000)]));
  }

  async #readLocal(kind: CacheKind, hash: string): Promise<unknown> {
    if (!this.#local) return undefined;
    try {
      const response = await this.#local.match(this.#localUrl(kind, hash));
      return response ? parseEntry(await response.text()) : undefined;
    } catch (err) {
      console.warn("response cache: first-tier read failed:", describe(err));
      return undefined;
    }
  }

  async #writeLocal(kind: CacheKind, hash: string, text: string | Uint8Array, ttlMs: number): Promise<void> {
    const maxAge = Math.floor(ttlMs / 1000);
    if (!this.#local || maxAge <= 0) return;
    try {
      const response = new Response(text, { headers: { "content-type": "application/json", "cache-control": `max-age=${maxAge}` } });
      await this.#local.put(this.#localUrl(kind, hash), response);
    } catch (err) {
      console.warn("response cache: first-tier write failed:", describe(err));
    }
  }

  #localUrl(kind: CacheKind, hash: string): string {
    return `${this.#origin}/_ai-forwarder/cache/${kind}/${hash}`;
  }
}

function parseEntry(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The entry when it is well-formed, unexpired, young enough and of the expected shape. */
function usable<T>(entry: unknown, now: number, options: LookupOptions<T>): StoredEntry | undefined {
  if (!entry || typeof entry !== "object") return undefined;
  const e = entry as Partial<StoredEntry>;
  if (e.v !== ENTRY_VERSION || typeof e.createdAt !== "number" || typeof e.expiresAt !== "number") return undefined;
  if (now >= e.expiresAt) return undefined;
  if (options.maxAgeSeconds !== undefined && ageOf(e as StoredEntry, now) > options.maxAgeSeconds) return undefined;
  if (!options.accept(e.value)) {
    console.warn("response cache: ignoring an entry of unexpected shape");
    return undefined;
  }
  return e as StoredEntry;
}

function ageOf(entry: StoredEntry, now: number): number {
  return Math.max(0, Math.floor((now - entry.createdAt) / 1000));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
