/**
 * What an endpoint calls to use the response cache: decide the policy for this request,
 * look the entry up, and get back the hit (if any), a `save` for the fresh result and the
 * `x-cache`/`age` headers. Endpoints supply only their key parts, whether the request is
 * deterministic, and a shape check for their stored value.
 */
import { cacheKeyHash } from "./cache-key";
import { type CacheMode, type CacheStatus, cachePolicy } from "./cache-policy";
import { type CacheHit, type CacheKind, ResponseCache } from "./response-cache";

/** The parts of the handler context the cache needs (AppContext satisfies it). */
export interface CacheContext {
  env: { CACHE: KVNamespace };
  config: { cacheMode: CacheMode; cacheTtlSeconds: number };
  exec: { waitUntil(promise: Promise<unknown>): void };
}

export interface CacheSpec<T> {
  kind: CacheKind;
  /** Everything that changes the result, and nothing that does not; hashed canonically. */
  keyParts: unknown;
  /** Whether the same request gives the same result (CACHE_MODE=deterministic caches only these). */
  deterministic: boolean;
  accept(value: unknown): value is T;
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

export async function openCache<T>(request: Request, ctx: CacheContext, spec: CacheSpec<T>): Promise<CacheSession<T>> {
  const policy = cachePolicy({
    mode: ctx.config.cacheMode,
    deterministic: spec.deterministic,
    ttlSeconds: ctx.config.cacheTtlSeconds,
    headers: request.headers,
  });
  if (!policy.lookup && !policy.store) return bypass();

  const cache = new ResponseCache({
    kv: ctx.env.CACHE,
    local: typeof caches === "undefined" ? undefined : caches.default,
    origin: new URL(request.url).origin,
    waitUntil: (promise) => ctx.exec.waitUntil(promise),
  });
  const hash = await cacheKeyHash(spec.keyParts);
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
      if (willStore) cache.store(spec.kind, hash, value, policy.ttlSeconds);
    },
    headers,
  };
}

function bypass<T>(): CacheSession<T> {
  return { status: "BYPASS", hit: undefined, willStore: false, save: () => {}, headers: { "x-cache": "BYPASS" } };
}
