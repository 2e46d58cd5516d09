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
 * a miss or a skipped write: the cache never fails a request. Both tiers hold the same bytes:
 * the JSON `{"v":1,"createdAt","expiresAt","value"}`, or, for a value with a large binary part
 * (embeddings' packed float32 vectors), `{"v":1,"createdAt","expiresAt","tail":"<field>","value"}`
 * padded with spaces, a newline (JSON text never holds a raw one), then the raw bytes, which a
 * read puts back into `value[<field>]` (a view, 8-byte aligned in the entry). Base64 inside the
 * JSON cost ~3 ms of CPU a write for 100 × 768 vectors (encoding, then the text's UTF-8 once per
 * tier) and a third more bytes. The first tier's URL is
 * `<request origin>/_ai-forwarder/cache/<kind>/<sha256 hex>`.
 */
import type { ResponseCacheRepo } from "../store/response-cache-repo";

/** The endpoints that cache; each owns the shape of its `value`. */
export type CacheKind = "chat" | "embeddings";

/** Entries larger than this are not written: replaying them saves little and costs KV storage. */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

const ENTRY_VERSION = 1;
const NEWLINE = 0x0a;
const SPACE = 0x20;
/** The tail starts at a multiple of this in the entry, so a read can view it as typed values without a copy. */
const TAIL_ALIGN = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A value to store: its JSON, and optionally a binary part stored after the JSON and given back as `value[tail.field]`. */
export interface StoredValue {
  json: string;
  tail?: { field: string; bytes: Uint8Array };
}

interface StoredEntry {
  v: typeof ENTRY_VERSION;
  /** Epoch milliseconds when the result was generated; `age` is measured from it. */
  createdAt: number;
  /** Epoch milliseconds after which the entry is not served, whatever a tier still holds. */
  expiresAt: number;
  /** The value's field that holds the entry's binary tail. */
  tail?: string;
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

    const stored = await this.#store.getBytes(kind, hash);
    if (stored === undefined) return undefined;
    const fromKv = usable(parseEntry(stored), now, options);
    if (!fromKv) return undefined;
    // Later hits at this location skip KV; the copy lives as long as the entry has left.
    this.#waitUntil(this.#writeLocal(kind, hash, stored, fromKv.expiresAt - now));
    return { value: fromKv.value as T, ageSeconds: ageOf(fromKv, now), tier: "kv" };
  }

  /**
   * Stores a value, given as its JSON (and binary tail), in both tiers in the background
   * (`waitUntil`); never throws. Entries over the size cap are skipped. The entry is put
   * together around the value's JSON (the same text `JSON.stringify` of the entry gives) and
   * encoded once for both tiers: for a large value, re-serialising and re-encoding it were most
   * of a cache write's CPU (bench:cpu).
   */
  store(kind: CacheKind, hash: string, value: StoredValue, ttlSeconds: number): void {
    const createdAt = Date.now();
    const tail = value.tail;
    const head = `{"v":${ENTRY_VERSION},"createdAt":${createdAt},"expiresAt":${createdAt + ttlSeconds * 1000}${tail ? `,"tail":${JSON.stringify(tail.field)}` : ""},"value":${value.json}}`;
    const entry = tail ? withTail(encoder.encode(head), tail.bytes) : encoder.encode(head);
    if (entry.byteLength > this.#maxEntryBytes) {
      console.warn(
        `response cache: not storing the ${kind} entry ${hash}: ${entry.byteLength} bytes is over the ${this.#maxEntryBytes}-byte cap`,
      );
      return;
    }
    // An entry without a tail goes to KV as the text it is (readable as such in the dashboard).
    const kvEntry = tail ? entry : head;
    this.#waitUntil(
      Promise.all([this.#store.put(kind, hash, kvEntry, ttlSeconds), this.#writeLocal(kind, hash, entry, ttlSeconds * 1000)]),
    );
  }

  async #readLocal(kind: CacheKind, hash: string): Promise<unknown> {
    if (!this.#local) return undefined;
    try {
      const response = await this.#local.match(this.#localUrl(kind, hash));
      return response ? parseEntry(new Uint8Array(await response.arrayBuffer())) : undefined;
    } catch (err) {
      console.warn("response cache: first-tier read failed:", describe(err));
      return undefined;
    }
  }

  async #writeLocal(kind: CacheKind, hash: string, entry: Uint8Array, ttlMs: number): Promise<void> {
    const maxAge = Math.floor(ttlMs / 1000);
    if (!this.#local || maxAge <= 0) return;
    try {
      const response = new Response(entry, { headers: { "content-type": "application/json", "cache-control": `max-age=${maxAge}` } });
      await this.#local.put(this.#localUrl(kind, hash), response);
    } catch (err) {
      console.warn("response cache: first-tier write failed:", describe(err));
    }
  }

  #localUrl(kind: CacheKind, hash: string): string {
    return `${this.#origin}/_ai-forwarder/cache/${kind}/${hash}`;
  }
}

/** The entry's JSON followed by spaces up to the tail's alignment, a newline, and the tail. */
function withTail(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const start = Math.ceil((head.byteLength + 1) / TAIL_ALIGN) * TAIL_ALIGN;
  const out = new Uint8Array(start + tail.byteLength);
  out.set(head);
  out.fill(SPACE, head.byteLength, start - 1);
  out[start - 1] = NEWLINE;
  out.set(tail, start);
  return out;
}

/** An entry's bytes → its object, with a binary tail put back into its value; undefined when malformed. */
function parseEntry(bytes: Uint8Array): unknown {
  const end = bytes.indexOf(NEWLINE);
  let entry: unknown;
  try {
    entry = JSON.parse(decoder.decode(end === -1 ? bytes : bytes.subarray(0, end)));
  } catch {
    return undefined;
  }
  if (end === -1) return entry;
  const e = entry as Partial<StoredEntry> | null;
  const value = e?.value;
  if (typeof e?.tail !== "string" || !value || typeof value !== "object" || Array.isArray(value)) return undefined;
  (value as Record<string, unknown>)[e.tail] = bytes.subarray(end + 1);
  return entry;
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
