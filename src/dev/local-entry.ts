/**
 * Entry of `[env.local]` only (`npm start`, `npm run bench`): the production Worker
 * (src/index.ts) plus what a machine without a Cloudflare account needs and a deployment must
 * never ship. `wrangler deploy` builds src/index.ts, which imports nothing from src/dev, so
 * none of this is in the deployed bundle (test/node/bundle.test.ts checks).
 *
 * - AI_EMULATOR="true" (set by `[env.local]`) and no `AI` binding: the offline emulator is
 *   bound as `AI`. A bound `AI` always wins, so `wrangler dev --env local --remote` still
 *   talks to Workers AI.
 * - BENCH_MODE="true" (passed only by the bench, `wrangler dev --var BENCH_MODE:true`): KV
 *   operations are counted and served at `GET /__bench/kv` (src/dev/bench-mode.ts).
 */
import type { Bindings } from "../api/context";
import worker from "../index";
import { type BenchEnv, benchFetch, isBenchMode } from "./bench-mode";
import { createEmulatedAi } from "./emulator/emulated-ai";

/** The Durable Object classes (`THREADS`, `KEY_LIMITS`, `ADMIN_GUARD`): workerd looks for them among this entry's exports. */
export { AdminSignInGuard, KeyLimiter, ThreadCoordinator } from "../index";

type LocalEnv = Bindings & BenchEnv;

// The env object is the same for every request an isolate serves: build its emulated
// counterpart once, so the Config parsed per env object is parsed once too.
const emulated = new WeakMap<object, LocalEnv>();

/** `env` with the emulator bound as `AI` when AI_EMULATOR is "true" and no `AI` is bound. */
export function withEmulatedAi(env: LocalEnv): LocalEnv {
  if (env.AI_EMULATOR !== "true" || env.AI) return env;
  let out = emulated.get(env);
  if (!out) {
    // The emulator implements `run`, the only member of `Ai` this Worker calls (see AiRunner).
    out = { ...env, AI: createEmulatedAi() as unknown as Ai };
    emulated.set(env, out);
  }
  return out;
}

export default {
  fetch(request, env, ctx) {
    const local = withEmulatedAi(env as LocalEnv);
    if (isBenchMode(local)) return benchFetch(request, local, ctx, worker.fetch);
    return worker.fetch(request, local, ctx);
  },
} satisfies ExportedHandler<Env>;
