/**
 * Upstream HTTP failures → the OpenAI error a client sees, through one table.
 *
 * An OpenAI-compatible upstream usually answers errors in OpenAI's own envelope
 * (`{error:{message,type,param,code}}`); its message, param and code are then passed through
 * unchanged, under the status and type this table picks. Anything else (an HTML page from a
 * proxy, plain text) becomes a message naming the upstream and its status.
 *
 * Policy: the client's own mistakes (400, 404, 409, 413, 422) keep their meaning; the upstream
 * refusing *this server's* key (401, 403) is a 502, never the client's 401, and its message is
 * withheld (OpenAI's echoes part of the key); rate limits stay 429; upstream failures are
 * 502/503/504. `fallback` marks the statuses after which the route's next upstream is tried
 * (429, 408 and every 5xx), as the issue asks. Every message passes through `scrub`, so no
 * upstream key can reach a client even if an upstream echoes one.
 */
import { OpenAIError, type OpenAIErrorType } from "../../../http/errors";

interface UpstreamErrorRule {
  status: number;
  type: OpenAIErrorType;
  /** `error.code` when the upstream gives none. */
  code: string;
  /** Pass the upstream's own message through (else only this rule's text is shown). */
  passMessage: boolean;
  /** Try the route's next upstream. */
  fallback: boolean;
}

/** Upstream status → client-facing error. Statuses not listed use `defaultRule`. */
export const UPSTREAM_ERRORS = {
  400: { status: 400, type: "invalid_request_error", code: "invalid_request", passMessage: true, fallback: false },
  401: { status: 502, type: "server_error", code: "upstream_authentication_failed", passMessage: false, fallback: false },
  403: { status: 502, type: "server_error", code: "upstream_permission_denied", passMessage: true, fallback: false },
  404: { status: 404, type: "not_found_error", code: "not_found", passMessage: true, fallback: false },
  408: { status: 504, type: "server_error", code: "upstream_timeout", passMessage: true, fallback: true },
  409: { status: 409, type: "invalid_request_error", code: "conflict", passMessage: true, fallback: false },
  413: { status: 413, type: "invalid_request_error", code: "request_too_large", passMessage: true, fallback: false },
  422: { status: 400, type: "invalid_request_error", code: "invalid_request", passMessage: true, fallback: false },
  429: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded", passMessage: true, fallback: true },
  500: { status: 502, type: "server_error", code: "upstream_error", passMessage: true, fallback: true },
  502: { status: 502, type: "server_error", code: "upstream_error", passMessage: true, fallback: true },
  503: { status: 503, type: "service_unavailable", code: "upstream_unavailable", passMessage: true, fallback: true },
  504: { status: 504, type: "server_error", code: "upstream_timeout", passMessage: true, fallback: true },
  // Anthropic's and some relays' "overloaded".
  529: { status: 503, type: "service_unavailable", code: "upstream_overloaded", passMessage: true, fallback: true },
} as const satisfies Readonly<Record<number, UpstreamErrorRule>>;

const RULES: ReadonlyMap<number, UpstreamErrorRule> = new Map(Object.entries(UPSTREAM_ERRORS).map(([s, rule]) => [Number(s), rule]));

function defaultRule(status: number): UpstreamErrorRule {
  return status >= 500
    ? { status: 502, type: "server_error", code: "upstream_error", passMessage: true, fallback: true }
    : { status: 400, type: "invalid_request_error", code: "invalid_request", passMessage: true, fallback: false };
}

/** Whether an upstream answering `status` should be followed by the route's next upstream. */
export function shouldFallBack(status: number): boolean {
  return (RULES.get(status) ?? defaultRule(status)).fallback;
}

/** The OpenAI error for an upstream's non-2xx answer; `secrets` are blanked from any text shown. */
export function mapUpstreamError(upstream: string, status: number, body: string, secrets: readonly string[]): OpenAIError {
  const rule = RULES.get(status) ?? defaultRule(status);
  const envelope = readEnvelope(body);
  const detail = envelope?.message ?? body.trim().slice(0, 300);
  const message = rule.passMessage
    ? scrub(detail || `The upstream \`${upstream}\` answered HTTP ${status}.`, secrets)
    : `The upstream \`${upstream}\` rejected this server's credentials (HTTP ${status}); check its api_key_secret in UPSTREAMS.`;
  const param = rule.passMessage ? (envelope?.param ?? null) : null;
  const code = (rule.passMessage ? envelope?.code : undefined) ?? rule.code;
  return new OpenAIError(rule.status, message, { type: rule.type, param, code });
}

/** The error for an upstream that could not be reached or did not answer in time. */
export function unreachableError(upstream: string, cause: "timeout" | "network", timeoutMs: number): OpenAIError {
  return cause === "timeout"
    ? new OpenAIError(504, `The upstream \`${upstream}\` did not answer within ${timeoutMs} ms.`, {
        type: "server_error",
        code: "upstream_timeout",
      })
    : new OpenAIError(502, `The upstream \`${upstream}\` could not be reached.`, { type: "server_error", code: "upstream_unreachable" });
}

/** `text` with every secret replaced, so an echoed key never reaches a client or a log. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}

interface Envelope {
  message: string;
  param: string | null;
  code: string | null;
}

/** OpenAI's `{error:{message,…}}`, if the body is one (codes may be numbers on some relays). */
function readEnvelope(body: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (!error || typeof error !== "object") return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.message !== "string") return undefined;
  const code = typeof e.code === "string" ? e.code : typeof e.code === "number" ? String(e.code) : null;
  return { message: e.message, param: typeof e.param === "string" ? e.param : null, code };
}
