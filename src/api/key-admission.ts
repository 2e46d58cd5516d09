/**
 * The per-request step for issued keys, run by the router right after authentication: one
 * request to the key's Durable Object (`admit`) decides revoked / expired / over a limit, and
 * gives the policy in force (the admin API's latest word, so edits hold at once). Admitted
 * requests carry a usage meter that records each generation's usage in the same object
 * after the response (`waitUntil`). Keys from API_KEYS and anonymous requests skip all of
 * this: no Durable Object request, no meter.
 */
import { durableKeyLimits } from "../keys/durable-limits";
import { rateLimitHeaders, refusalError } from "../keys/admission-response";
import { UsageMeter } from "../keys/usage-meter";
import type { IssuedKeyRecord } from "../wire/admin-keys";
import type { AppContext } from "./context";

export async function admitIssuedKey(ctx: AppContext, key: IssuedKeyRecord): Promise<void> {
  const limits = durableKeyLimits(ctx.env.KEY_LIMITS)(key.id);
  const admission = await limits.admit(Date.now(), key.policy);
  ctx.responseHeaders = rateLimitHeaders(admission);
  const refused = refusalError(admission, key.id);
  if (refused) throw refused;
  ctx.principal = { ...ctx.principal, key: { ...key, policy: admission.policy } };
  ctx.usage = new UsageMeter((entry) =>
    ctx.exec.waitUntil(limits.record(entry).catch((err: unknown) => console.error("usage not recorded", key.id, err))),
  );
}
