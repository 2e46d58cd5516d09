/**
 * What the translate-mode capabilities share: the route's endpoints and the fetch to reach
 * them, and `post`, which sends one request (with fallback) and returns the successful
 * response or throws the upstream's error mapped through the error table.
 */
import { OpenAIError } from "../../../http/errors";
import { type Fetcher, callUpstream } from "./call-upstream";
import { mapUpstreamError } from "./error-table";
import { type UpstreamEndpoint, keysOf } from "./upstream-endpoints";

export interface UpstreamClient {
  endpoints: readonly UpstreamEndpoint[];
  fetch: Fetcher;
}

/** POSTs `body` to `path` on the route's upstreams; a non-2xx final answer throws its mapped OpenAIError. */
export async function post(
  client: UpstreamClient,
  path: string,
  body: Record<string, unknown> | FormData,
  signal?: AbortSignal,
): Promise<Response> {
  const headers = new Headers();
  let payload: BodyInit;
  if (body instanceof FormData) payload = body;
  else {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body);
  }
  const { response, endpoint } = await callUpstream(
    client.endpoints,
    { method: "POST", path, headers, body: payload, signal },
    client.fetch,
  );
  if (response.ok) return response;
  throw mapUpstreamError(endpoint.config.name, response.status, await response.text(), keysOf(client.endpoints));
}

/** POSTs JSON and returns the parsed JSON answer (a 502 if it is not JSON). */
export async function postJson(client: UpstreamClient, path: string, body: Record<string, unknown> | FormData): Promise<unknown> {
  const response = await post(client, path, body);
  return readJson(response);
}

/** The JSON body of a successful upstream response; a 502 if it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw malformed("a body that is not JSON");
  }
}

/** A 502 for an upstream whose successful answer does not have the shape OpenAI's API gives. */
export function malformed(what: string): OpenAIError {
  return new OpenAIError(502, `The upstream answered with ${what}.`, { type: "server_error", code: "upstream_malformed_response" });
}
