/**
 * What an endpoint calls to use the response cache: decide the policy for this request,
 * look the entry up, and get back the hit (if any), a `save` for the fresh result and the
 * `x-cache`/`age` headers. Endpoints supply only their key parts, whether the request is
 * deterministic, and a shape check for their stored value. Inputs are plain values (headers,
 * origin, Config, the namespace, the project, `waitUntil`), so non-HTTP paths can use the cache too.
 */
import type { Config } from "../config";
import { createStores } from "../store";
import { cacheKeyHash } from "./cache-key";
import { cachePartition } from "./cache-scope";
import { type CacheStatus, cachePolicy } from "./cache-policy";
import { type CacheHit, type CacheKind, ResponseCache, type StoredValue } from "./response-cache";

/** What the cache reads from the request. */
export interface CacheRequest {
  /** `Cache-Control` is honoured from these. */
  headers: Headers;
  /** The Worker's own origin, for first-tier (Cache API) URLs. */
  origin: string;
}

/** What the cache runs on. */
export interface CacheDeps {
  config: Pick<Config, "cacheMode" | "cacheScope" | "cacheTtlSeconds" | "kvWriteSpacingMs">;
  /** The request's project: entries are not shared across projects unless CACHE_SCOPE=shared. */
  project: string;
  /** The CACHE namespace. */
  kv: KVNamespace;
  /** Background work (the writes) that must outlive the response. */
  waitUntil(promise: Promise<unknown>): void;
}

export interface CacheSpec<T> {
  kind: CacheKind;
  /** Everything that changes the result, and nothing that does not; hashed canonically. */
  keyParts: unknown;
  /** Whether the same request gives the same result (CACHE_MODE=deterministic caches only these). */
  deterministic: boolean;
  accept(value: unknown): value is T;
  /** The value as stored, when not its `JSON.stringify`: embeddings keep their packed vectors as a binary tail (read back as a Uint8Array in the same field). */
  toStored?(value: T): StoredValue;
}

export interface CacheSession<T> {
  status: CacheStatus;
  hit: CacheHit<T> | undefined;
  /** Whether `save` will write; callers skip collecting a result nobody will store. */
  willStore: boolean;
  /** Stores a complete result in the background; a no-op when the policy says no-store. */
  save(value: T): void;
  /** `x-cache` on every cacheable endpoint's response, plus `age` on a hit. */
  headers: Record<string, string>;
}

/** Looks the request up (when its policy allows) and returns the session for the rest of the request. */
export async function openCache<T>(request: CacheRequest, deps: CacheDeps, spec: CacheSpec<T>): Promise<CacheSession<T>> {
  const policy = cachePolicy({
    mode: deps.config.cacheMode,
    deterministic: spec.deterministic,
    ttlSeconds: deps.config.cacheTtlSeconds,
    headers: request.headers,
  });
  if (!policy.lookup && !policy.store) return bypass();

  const cache = new ResponseCache({
    store: createStores(deps.kv, deps.config.kvWriteSpacingMs).responseCache,
    local: typeof caches === "undefined" ? undefined : caches.default,
    origin: request.origin,
    waitUntil: (promise) => deps.waitUntil(promise),
  });
  const hash = await cacheKeyHash(spec.keyParts, cachePartition(deps.config.cacheScope, deps.project));
  const hit = policy.lookup ? await cache.lookup(spec.kind, hash, { maxAgeSeconds: policy.maxAgeSeconds, accept: spec.accept }) : undefined;
  const status: CacheStatus = hit ? "HIT" : policy.lookup ? "MISS" : "BYPASS";
  const headers: Record<string, string> = { "x-cache": status };
  if (hit) headers.age = String(hit.ageSeconds);
  const willStore = !hit && policy.store;
  return {
    status,
    hit,
    willStore,
    save: (value) => {
      if (willStore)
        cache.store(spec.kind, hash, spec.toStored ? spec.toStored(value) : { json: JSON.stringify(value) }, policy.ttlSeconds);
    },
    headers,
  };
}

function bypass<T>(): CacheSession<T> {
  return { status: "BYPASS", hit: undefined, willStore: false, save: () => {}, headers: { "x-cache": "BYPASS" } };
}
