/**
 * Worker entry: every request goes through the router. Static files in public/ are served
 * by the ASSETS binding before the Worker runs. Dev-only additions (the offline emulator,
 * bench counters) live in src/dev/local-entry.ts, the entry of `[env.local]`, so nothing
 * here imports them and the deployed bundle does not contain them.
 */
import { handleRequest } from "./router";

export default {
  fetch: handleRequest,
} satisfies ExportedHandler<Env>;
