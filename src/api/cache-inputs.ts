/** Adapts a handler's request and context to the response cache's plain inputs. */
import type { CacheDeps, CacheRequest } from "../cache/open-cache";
import type { AppContext } from "./context";

/** The headers and origin the cache reads from an HTTP request. */
export function cacheRequestOf(request: Request): CacheRequest {
  return {
    headers: request.headers,
    // Parsed only when the first tier is used: a request the policy bypasses (most chat)
    // never needs it, and a URL parse shows in workerd's per-request profile.
    get origin() {
      return new URL(request.url).origin;
    },
  };
}

/** Config, namespace, the key's project and `waitUntil` from the handler context. */
export function cacheDepsOf(ctx: AppContext): CacheDeps {
  return { config: ctx.config, kv: ctx.env.CACHE, project: ctx.principal.project, waitUntil: (promise) => ctx.exec.waitUntil(promise) };
}
