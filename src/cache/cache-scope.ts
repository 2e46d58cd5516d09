/**
 * Who shares response-cache entries (CACHE_SCOPE). A cached generation is one project's data
 * (its prompt and answer), so by default (`project`) each project has its own entries: the
 * project is part of the hashed key, which names both the KV entry and the per-location Cache
 * API copy. `shared` lets every project be served every project's entries, for deployments
 * whose projects trust each other and want the hit rate.
 *
 * The default project's keys carry no project, so entries written before projects existed
 * stay valid for API_KEYS keys.
 */
import { DEFAULT_PROJECT } from "../keys/principal";

export type CacheScope = "project" | "shared";

export const DEFAULT_CACHE_SCOPE: CacheScope = "project";

/** CACHE_SCOPE → a scope; an unknown value falls back to the default (isolation) with a warning. */
export function parseCacheScope(raw: string | undefined): CacheScope {
  const value = raw?.trim().toLowerCase();
  if (!value) return DEFAULT_CACHE_SCOPE;
  if (value === "project" || value === "shared") return value;
  console.warn(`CACHE_SCOPE "${raw}" is not one of project, shared; using ${DEFAULT_CACHE_SCOPE}`);
  return DEFAULT_CACHE_SCOPE;
}

/** The partition a request's entries are keyed in: its project, or none (shared scope, default project). */
export function cachePartition(scope: CacheScope, project: string): string | undefined {
  return scope === "shared" || project === DEFAULT_PROJECT ? undefined : project;
}
