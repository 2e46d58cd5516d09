/**
 * Worker entry: every request goes through the router. Static files in public/ are served
 * by the ASSETS binding before the Worker runs, except under /v1/ and /admin/api/, which go
 * straight to the Worker (`run_worker_first` in wrangler.toml). Dev-only additions (the offline emulator,
 * bench counters) live in src/dev/local-entry.ts, the entry of `[env.local]`, so nothing
 * here imports them and the deployed bundle does not contain them. The Durable Object classes
 * must be exported by the entry module, so both entries export them.
 */
import { handleRequest } from "./router";

/** The per-thread Durable Object class, bound as `THREADS` (wrangler.toml); workerd finds it among the entry's exports. */
export { ThreadCoordinator } from "./coordination/thread-coordinator";
/** The per-issued-key Durable Object class, bound as `KEY_LIMITS`. */
export { KeyLimiter } from "./keys/key-limiter";
/** The admin sign-in rate limiter, bound as `ADMIN_GUARD`. */
export { AdminSignInGuard } from "./admin/sign-in-guard";

export default {
  fetch: handleRequest,
} satisfies ExportedHandler<Env>;
