/** The repositories for a request, from its context. */
import { createStores, type Stores } from "../../store";
import type { AppContext } from "../context";

export function storesOf(ctx: AppContext): Stores {
  return createStores(ctx.env.CACHE, ctx.config.kvWriteSpacingMs);
}
