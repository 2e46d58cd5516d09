/**
 * One HTTP call to a route's upstreams, with fallback: the first upstream is tried; if it
 * times out (no response headers within its `timeout_ms`), cannot be reached, or answers a
 * status the error table marks for fallback (429, 5xx), the next is tried with the same
 * request. A response is final once its headers arrived with any other status, or from the
 * last upstream: no byte has reached the client before this returns, so fallback can never
 * happen after streaming began. A client abort is never retried.
 */
import { shouldFallBack, unreachableError } from "./error-table";
import { type UpstreamEndpoint, upstreamAuthHeaders } from "./upstream-endpoints";

/** `fetch`, injectable for tests. */
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export interface UpstreamRequest {
  method: string;
  /** Path and query after the upstream's base_url, e.g. `/chat/completions`. */
  path: string;
  /** Request headers other than the upstream's own (auth and configured extras are added per upstream). */
  headers: Headers;
  /** Must be replayable (string, bytes, FormData) when there is more than one upstream. */
  body: BodyInit | null;
  /** The client's cancellation. */
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  response: Response;
  endpoint: UpstreamEndpoint;
}

/** The final upstream response (ok or not); throws a 502/504 OpenAIError when none answered. */
export async function callUpstream(
  endpoints: readonly UpstreamEndpoint[],
  request: UpstreamRequest,
  fetcher: Fetcher,
): Promise<UpstreamResponse> {
  let failure: Error | undefined;
  for (const [i, endpoint] of endpoints.entries()) {
    const last = i === endpoints.length - 1;
    const outcome = await attempt(endpoint, request, fetcher);
    if (outcome instanceof Response) {
      if (last || !shouldFallBack(outcome.status)) return { response: outcome, endpoint };
      console.warn(`upstream ${endpoint.config.name} answered ${outcome.status}; falling back`);
      await outcome.body?.cancel();
      continue;
    }
    console.warn(`upstream ${endpoint.config.name} failed (${outcome.message}); ${last ? "giving up" : "falling back"}`);
    failure = outcome;
  }
  throw failure ?? new Error("no upstream configured");
}

async function attempt(endpoint: UpstreamEndpoint, request: UpstreamRequest, fetcher: Fetcher): Promise<Response | Error> {
  const { config } = endpoint;
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) throw request.signal.reason;
  request.signal?.addEventListener("abort", onClientAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(upstreamAuthHeaders(endpoint))) headers.set(name, value);
  try {
    return await fetcher(`${config.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: controller.signal,
    });
  } catch (err) {
    if (request.signal?.aborted) throw err;
    return unreachableError(config.name, timedOut ? "timeout" : "network", config.timeoutMs);
  } finally {
    // The timeout bounds the wait for headers only; a long stream may take longer.
    clearTimeout(timer);
  }
}
