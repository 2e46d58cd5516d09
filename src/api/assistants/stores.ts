/**
 * The repositories and the threads' coordinators for a request, from its context: both scoped
 * to the project of the request's key (`ctx.principal.project`), so nothing another project
 * stored can be found, listed or changed through them.
 */
import type { ThreadDeps } from "../../assistants/thread-service";
import { durableCoordinators } from "../../coordination/durable";
import { createStores, type Stores } from "../../store";
import type { AppContext } from "../context";

export function storesOf(ctx: AppContext): Stores {
  return createStores(ctx.env.CACHE, ctx.config.kvWriteSpacingMs, ctx.principal.project);
}

/** KV and the `THREADS` coordinators: what thread and run operations take. */
export function threadDepsOf(ctx: AppContext): ThreadDeps {
  return { stores: storesOf(ctx), coordinators: durableCoordinators(ctx.env.THREADS, ctx.principal.project) };
}
