/**
 * What workerd gives a Worker and Node lacks, for the in-process CPU bench:
 * - `caches.default` / `caches.open`: an in-memory Cache API (match/put/delete by URL, the
 *   stored response's status, headers and bytes; `max-age`/`s-maxage` honoured), as a Worker on
 *   a custom domain sees it (on *.workers.dev it does nothing, and a cache hit is a KV read);
 * - `crypto.subtle.timingSafeEqual`, over node:crypto's.
 */
import { timingSafeEqual } from "node:crypto";

class MemoryCache {
  #entries = new Map();

  async match(request) {
    const url = typeof request === "string" ? request : request.url;
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.#entries.delete(url);
      return undefined;
    }
    return new Response(entry.body, { status: entry.status, headers: entry.headers });
  }

  async put(request, response) {
    const url = typeof request === "string" ? request : request.url;
    const control = response.headers.get("cache-control") ?? "";
    const maxAge = Number(/s-maxage=(\d+)/.exec(control)?.[1] ?? /max-age=(\d+)/.exec(control)?.[1] ?? 0);
    const body = new Uint8Array(await response.arrayBuffer());
    if (maxAge <= 0 || /no-store|private/.test(control)) return;
    this.#entries.set(url, { status: response.status, headers: [...response.headers], body, expires: Date.now() + maxAge * 1000 });
  }

  async delete(request) {
    return this.#entries.delete(typeof request === "string" ? request : request.url);
  }
}

/** Installs the shims on globalThis (idempotent). */
export function installRuntimeShims() {
  if (!globalThis.caches) {
    const named = new Map();
    const defaultCache = new MemoryCache();
    globalThis.caches = {
      default: defaultCache,
      async open(name) {
        if (!named.has(name)) named.set(name, new MemoryCache());
        return named.get(name);
      },
    };
  }
  if (!crypto.subtle.timingSafeEqual) {
    crypto.subtle.timingSafeEqual = (a, b) => timingSafeEqual(new Uint8Array(a.buffer ?? a), new Uint8Array(b.buffer ?? b));
  }
}
