/**
 * Worker entry: every request goes through the router. Static files in public/ are served
 * by the ASSETS binding before the Worker runs.
 */
import type { Bindings } from "./api/context";
import { handleRequest } from "./router";

export default {
  fetch(request, env, ctx) {
    return handleRequest(request, env as Bindings, ctx);
  },
} satisfies ExportedHandler<Env>;
