/**
 * Passthrough: the client's request forwarded unchanged — method, path below `/v1`, query and
 * body bytes — with only its credentials replaced by the upstream's key, and the upstream's
 * answer (status, body bytes, streamed as they arrive) returned unchanged apart from the
 * headers forward-headers.ts drops. Errors from the upstream are its own bytes too; only an
 * upstream that cannot be reached at all is answered with this Worker's 502/504 envelope.
 * Fallback applies as in translate mode, before the first byte (the body must then be bytes,
 * so it can be sent again).
 */
import { type Fetcher, callUpstream } from "./call-upstream";
import { headersToClient, headersToUpstream } from "./forward-headers";
import type { UpstreamEndpoint } from "./upstream-endpoints";

/** Forwards `request` (whose body is `body`) to the first of `endpoints` that answers. */
export async function passThrough(
  request: Request,
  body: Uint8Array | ReadableStream<Uint8Array> | null,
  endpoints: readonly UpstreamEndpoint[],
  fetcher: Fetcher,
): Promise<Response> {
  const url = new URL(request.url);
  // The pathname is already normalised (no `..`), so it can only extend the base_url's path.
  const path = `${url.pathname.replace(/^\/v1(?=\/)/, "")}${url.search}`;
  const { response } = await callUpstream(
    endpoints,
    { method: request.method, path, headers: headersToUpstream(request.headers), body, signal: request.signal },
    fetcher,
  );
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: headersToClient(response.headers),
  });
}
