/**
 * Worker entry: every request goes through the router. Static files in public/ are served
 * by the ASSETS binding before the Worker runs.
 */
import type { Bindings } from "./api/context";
import { type BenchEnv, benchFetch, isBenchMode } from "./bench-mode";
import { handleRequest } from "./router";

export default {
  fetch(request, env, ctx) {
    // `npm run bench` only (BENCH_MODE="true" via `wrangler dev --var`): KV operations counted.
    if (isBenchMode(env as BenchEnv)) return benchFetch(request, env as Bindings, ctx, handleRequest);
    return handleRequest(request, env as Bindings, ctx);
  },
} satisfies ExportedHandler<Env>;
