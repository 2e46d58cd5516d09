/**
 * The key limiters as the rest of the Worker reaches them: the `KEY_LIMITS` Durable Object
 * namespace, one object per key id (`getByName`), called over RPC. Each call is one Durable
 * Object request.
 */
import type { KeyLimiter } from "./key-limiter";
import type { KeyLimits, KeyLimitsFor } from "./limits";

export function durableKeyLimits(namespace: DurableObjectNamespace<KeyLimiter>): KeyLimitsFor {
  return (keyId) => namespace.getByName(keyId) satisfies KeyLimits;
}
