/**
 * What every handler receives besides the request: bindings, typed config, the execution
 * context (for `waitUntil`) and the request id.
 */
import type { Config, ConfigSource } from "../config";
import type { Principal } from "../keys/principal";
import type { ModelAllowlist } from "../keys/model-allowlist";
import type { UsageMeter } from "../keys/usage-meter";

/**
 * The Worker's bindings as this code uses them: the generated Env (so `AI` is the generated
 * `Ai`, optional because `[env.local]` binds none) plus secrets and optional vars, and the
 * optional `VECTORIZE` index vector store search uses when an operator binds one.
 */
export type Bindings = Env & ConfigSource & { VECTORIZE?: Vectorize };

export interface AppContext {
  env: Bindings;
  config: Config;
  exec: ExecutionContext;
  requestId: string;
  /** Who the request acts for (set by authentication; the default project until then). */
  principal: Principal;
  /** Set for requests with an issued key: where generations report their usage (api/key-admission.ts). */
  usage?: UsageMeter;
  /** Headers every response to this request carries (an issued key's `x-ratelimit-*`). */
  responseHeaders?: Record<string, string>;
}

/** The models this request's key may use (its policy's globs); undefined for every model. */
export function allowedModels(ctx: AppContext): ModelAllowlist {
  return ctx.principal.key?.policy.models;
}
