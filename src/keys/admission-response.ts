/**
 * What a client sees of its key's limits: OpenAI's `x-ratelimit-*` headers (on every response
 * to a request with an issued key whose policy sets the limit), and the refusals: 401 for a
 * revoked or expired key, 429 `rate_limit_exceeded` with `type` "requests" or "tokens" and
 * `retry-after`, as OpenAI answers a key over its limits.
 */
import { OpenAIError } from "../http/errors";
import { type Admission, type LimitState, formatDuration } from "./limits";

/** The rate-limit headers of a decision (only for limits the policy sets). */
export function rateLimitHeaders(admission: Admission): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (kind: "requests" | "tokens", state: LimitState | undefined) => {
    if (!state) return;
    out[`x-ratelimit-limit-${kind}`] = String(state.limit);
    out[`x-ratelimit-remaining-${kind}`] = String(state.remaining);
    out[`x-ratelimit-reset-${kind}`] = formatDuration(state.resetMs);
  };
  add("requests", admission.requests);
  add("tokens", admission.tokens);
  const wait =
    admission.refusal === "requests" ? admission.requests?.resetMs : admission.refusal === "tokens" ? admission.tokens?.resetMs : undefined;
  if (wait !== undefined) out["retry-after"] = String(Math.max(1, Math.ceil(wait / 1000)));
  return out;
}

/** The error for a refused request; undefined when it was admitted. */
export function refusalError(admission: Admission, keyId: string): OpenAIError | undefined {
  switch (admission.refusal) {
    case null:
      return undefined;
    case "revoked":
      return new OpenAIError(401, "This API key has been revoked.", { code: "invalid_api_key" });
    case "expired":
      return new OpenAIError(401, "This API key has expired.", { code: "invalid_api_key" });
    case "requests": {
      const s = admission.requests as LimitState;
      return new OpenAIError(
        429,
        `Rate limit reached for key ${keyId} on requests per min (RPM): Limit ${s.limit}, Used ${s.limit - s.remaining}, Requested 1. Please try again in ${formatDuration(s.resetMs)}.`,
        { type: "requests", code: "rate_limit_exceeded" },
      );
    }
    case "tokens": {
      const s = admission.tokens as LimitState & { used: number };
      return new OpenAIError(
        429,
        `Rate limit reached for key ${keyId} on tokens per day (TPD): Limit ${s.limit}, Used ${s.used}. Please try again in ${formatDuration(s.resetMs)}.`,
        { type: "tokens", code: "rate_limit_exceeded" },
      );
    }
    default:
      return admission.refusal satisfies never;
  }
}
