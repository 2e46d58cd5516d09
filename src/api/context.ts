/**
 * What every handler receives besides the request: bindings, typed config, the execution
 * context (for `waitUntil`) and the request id.
 */
import type { Config, ConfigSource } from "../config";

/** The Worker's bindings as this code uses them: generated Env plus secrets and optional vars. */
export type Bindings = Omit<Env, "AI"> & ConfigSource & { AI?: unknown };

export interface AppContext {
  env: Bindings;
  config: Config;
  exec: ExecutionContext;
  requestId: string;
}
