/**
 * `cloudflare:workers` for the in-process CPU bench's bundle: the one export the Worker uses,
 * the DurableObject base class, which keeps `ctx` and `env` as workerd's does.
 */
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}
