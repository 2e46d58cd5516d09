/**
 * CORS for browser clients (chat UIs call the API straight from a page). Headers are set in
 * place, or on a re-wrapped Response (never a clone) when they are immutable, so streamed
 * bodies are never teed.
 */

const ALLOW_HEADERS = "authorization, content-type, openai-beta, openai-organization, openai-project, x-stainless-*, *";
const EXPOSE_HEADERS =
  "x-request-id, openai-model, openai-processing-ms, x-cache, age, retry-after, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, x-ratelimit-reset-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-tokens, x-ratelimit-reset-tokens";

export function preflight(request: Request): Response | undefined {
  if (request.method !== "OPTIONS") return undefined;
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? ALLOW_HEADERS,
      "access-control-max-age": "86400",
    },
  });
}

/** Adds CORS and the request id to any response, without copying its body. */
export function withCommonHeaders(response: Response, requestId: string): Response {
  try {
    // The Worker's own responses have mutable headers: set them in place (no new Response
    // and no copy of its headers on every request).
    setCommonHeaders(response.headers, requestId);
    return response;
  } catch {
    // A fetched (passthrough) response's headers are immutable: re-wrap it.
    const out = new Response(response.body, response);
    setCommonHeaders(out.headers, requestId);
    return out;
  }
}

function setCommonHeaders(headers: Headers, requestId: string): void {
  headers.set("access-control-allow-origin", "*");
  headers.set("access-control-expose-headers", EXPOSE_HEADERS);
  headers.set("x-request-id", requestId);
}
