/**
 * Bench mode, for `npm run bench` only: counts the KV operations the Worker makes, by wrapping
 * the `CACHE` binding in a counting proxy, and serves the counts at `GET /__bench/kv`
 * (`?reset=1` zeroes them after reading). It is active only when the var BENCH_MODE is
 * exactly "true", which no environment in wrangler.toml sets: bench/run.mjs passes it with
 * `wrangler dev --var BENCH_MODE:true`. Only `[env.local]`'s entry (src/dev/local-entry.ts)
 * imports this module, so a deployment does not even contain it.
 *
 * Counters live at module scope: `wrangler dev` runs one isolate, so they see every request,
 * including work that finishes in `ctx.waitUntil` after the response. `pending` says whether
 * KV operations are still in flight, so the bench reads the counts only once they settle;
 * `isolate` changes if the Worker was reloaded (and the counts lost).
 */
import type { Bindings } from "../api/context";

/** KV operations as Cloudflare bills them: a bulk `get` of N keys is N reads. */
export interface KvCounts {
  reads: number;
  writes: number;
  lists: number;
  deletes: number;
}

type Kind = keyof KvCounts;

const KIND_OF: Readonly<Record<string, Kind>> = {
  get: "reads",
  getWithMetadata: "reads",
  put: "writes",
  list: "lists",
  delete: "deletes",
};

const counts: KvCounts = { reads: 0, writes: 0, lists: 0, deletes: 0 };
let pending = 0;
/** Names this isolate, so the bench notices a reload (which would zero the counts). Set on first use: no randomness at global scope. */
let isolate: string | undefined;

/** The var that turns bench mode on; only the exact string "true" does. */
export interface BenchEnv {
  BENCH_MODE?: string;
}

export function isBenchMode(env: BenchEnv): boolean {
  return env.BENCH_MODE === "true";
}

/** `kv` with every operation counted; other members pass through unchanged. */
export function countingKv(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, prop) {
      // The binding's methods need the real object as `this`, never the proxy.
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      const kind = typeof prop === "string" ? KIND_OF[prop] : undefined;
      if (kind === undefined) return value.bind(target);
      return (...args: unknown[]) => {
        const first = args[0];
        counts[kind] += kind === "reads" && Array.isArray(first) ? first.length : 1;
        pending++;
        const result = Promise.resolve(Reflect.apply(value, target, args));
        result.then(done, done);
        return result;
      };
    },
  });
}

function done(): void {
  pending--;
}

/** Serves `/__bench/kv`, or runs `next` with a counting `CACHE`. */
export function benchFetch(
  request: Request,
  env: Bindings,
  exec: ExecutionContext,
  next: (request: Request, env: Bindings, exec: ExecutionContext) => Promise<Response>,
): Promise<Response> {
  // A string test before parsing the URL: this wrapper runs on every measured request, and
  // its cost would be counted as ai-forwarder's own.
  const url = request.method === "GET" && request.url.includes("/__bench/kv") ? new URL(request.url) : undefined;
  if (url?.pathname === "/__bench/kv") {
    isolate ??= crypto.randomUUID();
    const body = { ...counts, pending, isolate };
    if (url.searchParams.get("reset") === "1") Object.assign(counts, { reads: 0, writes: 0, lists: 0, deletes: 0 });
    return Promise.resolve(Response.json(body, { headers: { "cache-control": "no-store" } }));
  }
  let counted = countedEnvs.get(env);
  if (!counted) {
    counted = { ...env, CACHE: countingKv(env.CACHE) };
    countedEnvs.set(env, counted);
  }
  return next(request, counted, exec);
}

// One counted env per env object, as workerd passes the same env to every request: a new
// object per request made the Worker re-parse its Config (configFor caches per env object)
// and re-hash API_KEYS on every request, work a deployment does once per isolate.
const countedEnvs = new WeakMap<Bindings, Bindings>();
