/** The repositories and the threads' coordinators for a request, from its context. */
import type { ThreadDeps } from "../../assistants/thread-service";
import { durableCoordinators } from "../../coordination/durable";
import { createStores, type Stores } from "../../store";
import type { AppContext } from "../context";

export function storesOf(ctx: AppContext): Stores {
  return createStores(ctx.env.CACHE, ctx.config.kvWriteSpacingMs);
}

/** KV and the `THREADS` coordinators: what thread and run operations take. */
export function threadDepsOf(ctx: AppContext): ThreadDeps {
  return { stores: storesOf(ctx), coordinators: durableCoordinators(ctx.env.THREADS) };
}
