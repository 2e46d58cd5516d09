/**
 * Whether one request may read and write the response cache, and for how long: the
 * deployment's CACHE_MODE and CACHE_TTL_SECONDS, then the request's `Cache-Control`.
 *
 * - `no-cache` skips the lookup (the fresh answer is still stored); `no-store` skips the
 *   write; `max-age=0` is `no-cache`.
 * - `max-age=N` serves only entries at most N seconds old and stores the new one for N
 *   seconds. CACHE_TTL_SECONDS is the ceiling (a client cannot keep entries longer than the
 *   operator allows) and KV's minimum of 60 s is the floor.
 */

export type CacheMode = "off" | "deterministic" | "all";

/** The `x-cache` header: served from the cache, looked up and not found, or not looked up. */
export type CacheStatus = "HIT" | "MISS" | "BYPASS";

/** KV's minimum `expirationTtl`. */
export const MIN_TTL_SECONDS = 60;

export const DEFAULT_CACHE_MODE: CacheMode = "deterministic";
export const DEFAULT_TTL_SECONDS = 86_400;

export interface CachePolicy {
  lookup: boolean;
  store: boolean;
  /** Entries older than this are not served (from `max-age=N`). */
  maxAgeSeconds?: number;
  /** `expirationTtl` for a write, ≥ 60. */
  ttlSeconds: number;
}

/** CACHE_MODE → a mode; an unknown value falls back to the default with a warning. */
export function parseCacheMode(raw: string | undefined): CacheMode {
  const value = raw?.trim().toLowerCase();
  if (!value) return DEFAULT_CACHE_MODE;
  if (value === "off" || value === "deterministic" || value === "all") return value;
  console.warn(`CACHE_MODE "${raw}" is not one of off, deterministic, all; using ${DEFAULT_CACHE_MODE}`);
  return DEFAULT_CACHE_MODE;
}

/** CACHE_TTL_SECONDS → seconds, at least KV's minimum of 60. */
export function parseTtl(raw: string | undefined): number {
  const n = Number(raw);
  const ttl = raw?.trim() && Number.isInteger(n) && n > 0 ? n : DEFAULT_TTL_SECONDS;
  return Math.max(MIN_TTL_SECONDS, ttl);
}

/**
 * The policy for one request. `deterministic` says whether the endpoint judges this request
 * to give the same answer every time (chat: `temperature: 0` or a `seed`; embeddings: always).
 */
export function cachePolicy(options: { mode: CacheMode; deterministic: boolean; ttlSeconds: number; headers: Headers }): CachePolicy {
  const cacheable = options.mode === "all" || (options.mode === "deterministic" && options.deterministic);
  const ttlCeiling = Math.max(MIN_TTL_SECONDS, options.ttlSeconds);
  if (!cacheable) return { lookup: false, store: false, ttlSeconds: ttlCeiling };

  const directives = parseCacheControl(options.headers.get("cache-control"));
  const maxAge = directives.maxAge;
  const policy: CachePolicy = {
    lookup: !directives.noCache && maxAge !== 0,
    store: !directives.noStore,
    ttlSeconds: maxAge === undefined ? ttlCeiling : Math.min(ttlCeiling, Math.max(MIN_TTL_SECONDS, maxAge)),
  };
  if (maxAge !== undefined && maxAge > 0) policy.maxAgeSeconds = maxAge;
  return policy;
}

interface Directives {
  noCache: boolean;
  noStore: boolean;
  maxAge?: number;
}

/** The request directives this cache honours; unknown ones are ignored, as HTTP caches do. */
export function parseCacheControl(header: string | null): Directives {
  const out: Directives = { noCache: false, noStore: false };
  if (!header) return out;
  for (const part of header.split(",")) {
    const [rawName, ...rest] = part.split("=");
    const name = rawName?.trim().toLowerCase();
    const value = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (name === "no-cache") out.noCache = true;
    else if (name === "no-store") out.noStore = true;
    else if (name === "max-age" && /^\d+$/.test(value)) out.maxAge = Number(value);
  }
  return out;
}
