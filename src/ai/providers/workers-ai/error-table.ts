/**
 * Workers AI binding errors → OpenAI errors, through one documented table.
 *
 * The binding (`env.AI.run`) throws an `InferenceUpstreamError` whose message is
 * `"<internalCode>: <description>"` and which carries no HTTP status (workerd
 * src/cloudflare/internal/ai-api.ts, `_parseError`); a body that is not JSON becomes the
 * message as-is. So the code is parsed out of the text and looked up here. Policy: an unknown
 * model is the client's 400, capacity and allocation limits are 429, too large is 413, upstream
 * timeouts are 504, and anything unknown or unparseable is a 502 naming the upstream failure.
 * Aborts are never wrapped: the caller's own cancellation must reach the caller unchanged.
 */
import { OpenAIError, type OpenAIErrorType } from "../../../http/errors";

interface ErrorRule {
  status: number;
  type: OpenAIErrorType;
  /** OpenAI-style machine code for `error.code`. */
  code: string;
  /** Client-facing text; `{model}` becomes the model id when known. The upstream text is appended. */
  message: string;
  param?: "model";
  /** Where this code and its meaning are documented or observed. */
  source: string;
}

const ERRORS_PAGE = "https://developers.cloudflare.com/workers-ai/platform/errors/";
const PAID_PLAN_CHANGELOG = "https://developers.cloudflare.com/changelog/post/2026-07-28-models-require-workers-paid/";
const REJECT_IF_BUSY = "https://developers.cloudflare.com/workers-ai/features/reject-if-busy/";

/** Workers AI internal code → the OpenAI error a client sees. */
export const WORKERS_AI_ERRORS = {
  // Documented 400 "No such model `${model}` or task".
  5007: {
    status: 400,
    type: "invalid_request_error",
    code: "model_not_found",
    param: "model",
    message: "The model {model} does not exist on Workers AI or is not available to this account.",
    source: ERRORS_PAGE,
  },
  // Documented 404 "The model name is invalid"; the design answers unknown models with 400.
  3042: {
    status: 400,
    type: "invalid_request_error",
    code: "model_not_found",
    param: "model",
    message: "The model {model} is not a valid Workers AI model id.",
    source: ERRORS_PAGE,
  },
  // Documented 400 "Invalid data type for base64 input" (typically an image part).
  5004: {
    status: 400,
    type: "invalid_request_error",
    code: "invalid_value",
    message: "Workers AI rejected data in the request.",
    source: ERRORS_PAGE,
  },
  // Documented 400 "Request is missing headers or body".
  3003: {
    status: 400,
    type: "invalid_request_error",
    code: "invalid_request",
    message: "Workers AI found the request incomplete.",
    source: ERRORS_PAGE,
  },
  // Documented 400 "Finetune is missing required files".
  3039: {
    status: 400,
    type: "invalid_request_error",
    code: "invalid_value",
    message: "The fine-tune (LoRA) is missing required files.",
    source: ERRORS_PAGE,
  },
  // Documented 405 "does not support LoRa inference"; OpenAI reports unsupported options as 400.
  5005: {
    status: 400,
    type: "invalid_request_error",
    code: "unsupported_parameter",
    param: "model",
    message: "The model {model} does not support LoRA inference.",
    source: ERRORS_PAGE,
  },
  // Documented 403s: private model, model terms not agreed, account blocked.
  5018: {
    status: 403,
    type: "permission_error",
    code: "model_not_accessible",
    param: "model",
    message: "This account is not allowed to use the model {model}.",
    source: ERRORS_PAGE,
  },
  3041: {
    status: 403,
    type: "permission_error",
    code: "model_not_accessible",
    param: "model",
    message: "This account is not allowed to use the model {model}.",
    source: ERRORS_PAGE,
  },
  5016: {
    status: 403,
    type: "permission_error",
    code: "model_terms_not_accepted",
    param: "model",
    message: "The model {model} requires accepting its license terms on this Cloudflare account first.",
    source: ERRORS_PAGE,
  },
  3023: {
    status: 403,
    type: "permission_error",
    code: "account_blocked",
    message: "Workers AI is unavailable for this Cloudflare account.",
    source: ERRORS_PAGE,
  },
  // 403 on the Free plan for models that require Workers Paid (kimi-k2.6, kimi-k2.7-code, glm-5.x, ...).
  5035: {
    status: 403,
    type: "permission_error",
    code: "paid_plan_required",
    param: "model",
    message:
      "The model {model} runs only on the Cloudflare Workers Paid plan, and this account is on the Workers Free plan: upgrade the account, or choose a Free-plan model (DEFAULT_AI_MODEL, REASONING_MODEL, VISION_MODEL or MODEL_ALIASES).",
    source: PAID_PLAN_CHANGELOG,
  },
  // Documented 405 "Request trying to use deprecated SDK version": this Worker's fault, not the client's.
  5019: {
    status: 502,
    type: "server_error",
    code: "upstream_error",
    message: "The upstream model backend (Workers AI) rejected this server's SDK version.",
    source: ERRORS_PAGE,
  },
  // Documented 413 "Request is too large".
  3006: {
    status: 413,
    type: "invalid_request_error",
    code: "request_too_large",
    message: "The request is too large for Workers AI.",
    source: ERRORS_PAGE,
  },
  // Documented 408 "Request timeout" / "Request was aborted" (upstream side): a gateway timeout here.
  3007: {
    status: 504,
    type: "server_error",
    code: "upstream_timeout",
    message: "The upstream model backend (Workers AI) timed out.",
    source: ERRORS_PAGE,
  },
  3008: {
    status: 504,
    type: "server_error",
    code: "upstream_timeout",
    message: "The upstream model backend (Workers AI) aborted the request.",
    source: ERRORS_PAGE,
  },
  // Documented 429 "You have used up your daily free allocation of 10,000 neurons".
  3036: {
    status: 429,
    type: "rate_limit_error",
    code: "insufficient_quota",
    message: "The daily Workers AI free allocation is used up; it resets at 00:00 UTC (or upgrade to Workers Paid).",
    source: ERRORS_PAGE,
  },
  // The same condition as observed on the wire: "4006: you have used up your daily free allocation of 10,000 neurons, ...".
  4006: {
    status: 429,
    type: "rate_limit_error",
    code: "insufficient_quota",
    message: "The daily Workers AI free allocation is used up; it resets at 00:00 UTC (or upgrade to Workers Paid).",
    source: "https://github.com/diegosouzapw/OmniRoute/issues/6980",
  },
  // Documented 429 "No more data centers to forward the request to"; with rejectIfBusy the
  // text is "Capacity temporarily exceeded, please try again." Retrying later can succeed.
  3040: {
    status: 429,
    type: "rate_limit_error",
    code: "rate_limit_exceeded",
    message: "Workers AI is temporarily out of capacity for this model; please retry shortly.",
    source: REJECT_IF_BUSY,
  },
} as const satisfies Readonly<Record<number, ErrorRule>>;

const RULES: ReadonlyMap<number, ErrorRule> = new Map(Object.entries(WORKERS_AI_ERRORS).map(([code, rule]) => [Number(code), rule]));

/**
 * The OpenAI error for anything `env.AI.run` (or a Workers AI stream) threw. An OpenAIError is
 * returned unchanged; an abort (`AbortError`, or `TimeoutError` from `AbortSignal.timeout`) is
 * re-thrown as-is so cancellation is never reported as a backend failure.
 */
export function mapWorkersAiError(err: unknown, context: { model?: string } = {}): OpenAIError {
  if (err instanceof OpenAIError) return err;
  if (isAbort(err)) throw err;
  const detail = messageOf(err);
  const rule = findRule(err, detail);
  if (!rule) {
    return new OpenAIError(502, `The upstream model backend (Workers AI) failed: ${detail || "no error message"}`, {
      type: "server_error",
      code: "upstream_error",
    });
  }
  const model = context.model ? `\`${context.model}\`` : "requested";
  const message = `${rule.message.replace("{model}", model)} (Workers AI: ${detail})`;
  return new OpenAIError(rule.status, message, { type: rule.type, code: rule.code, param: rule.param ?? null });
}

/** The first known `<code>:` in the text wins, so a leading request id cannot pose as a code. */
function findRule(err: unknown, detail: string): ErrorRule | undefined {
  const own = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  const ownCode = typeof own === "number" ? own : typeof own === "string" ? Number(own) : Number.NaN;
  const direct = RULES.get(ownCode);
  if (direct) return direct;
  for (const match of detail.matchAll(/\b(\d{4})\s*:/g)) {
    const rule = RULES.get(Number(match[1]));
    if (rule) return rule;
  }
  return undefined;
}

function isAbort(err: unknown): boolean {
  // A real abort is a DOMException, which need not be `instanceof Error`.
  if (!(err instanceof Error) && !(typeof DOMException !== "undefined" && err instanceof DOMException)) return false;
  return err.name === "AbortError" || err.name === "TimeoutError";
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  if (typeof err === "object" && err !== null) {
    const message = (err as { message?: unknown }).message;
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(err);
    } catch {
      return String(err);
    }
  }
  return err === undefined ? "" : String(err);
}
