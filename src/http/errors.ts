/**
 * The one error class and its formatter. Throw `OpenAIError` anywhere; the router renders
 * OpenAI's envelope `{error:{message,type,param,code}}`, which the official SDKs parse into
 * their `APIError` subclasses by status.
 */

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  /** OpenAI's 429 for a key over its requests or tokens limit names the limit as the type. */
  | "requests"
  | "tokens"
  | "server_error"
  | "service_unavailable";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class OpenAIError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;

  constructor(status: number, message: string, options: { type?: OpenAIErrorType; param?: string | null; code?: string | null } = {}) {
    super(message);
    this.name = "OpenAIError";
    this.status = status;
    this.type = options.type ?? defaultType(status);
    this.param = options.param ?? null;
    this.code = options.code ?? null;
  }

  toJSON(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

function defaultType(status: number): OpenAIErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status === 503) return "service_unavailable";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** Shorthand for the most common error: a 400 about one request parameter. */
export function invalidParam(param: string, message: string, code: string | null = "invalid_value"): OpenAIError {
  return new OpenAIError(400, message, { param, code });
}

/** Anything thrown, as an OpenAIError; unknown errors become an opaque 500. */
export function toOpenAIError(err: unknown): OpenAIError {
  if (err instanceof OpenAIError) return err;
  console.error("unhandled error", err);
  return new OpenAIError(500, "The server had an error while processing your request.", { code: "internal_error" });
}

export function errorResponse(err: unknown, headers?: HeadersInit): Response {
  const e = toOpenAIError(err);
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  return new Response(JSON.stringify(e.toJSON()), { status: e.status, headers: h });
}
