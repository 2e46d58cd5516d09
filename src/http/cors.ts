/**
 * CORS for browser clients (chat UIs call the API straight from a page). Headers are set
 * on a re-wrapped Response rather than a clone, so streamed bodies are never teed.
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
  const out = new Response(response.body, response);
  out.headers.set("access-control-allow-origin", "*");
  out.headers.set("access-control-expose-headers", EXPOSE_HEADERS);
  out.headers.set("x-request-id", requestId);
  return out;
}
