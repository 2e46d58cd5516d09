/**
 * Which requests bypass this Worker's own handlers and go to an upstream as they are:
 * - a `/v1/*` request whose body names a model that a `mode: "passthrough"` route matches
 *   (any endpoint, implemented here or not), forwarded to that route's upstreams;
 * - with PASSTHROUGH_UPSTREAM set, a `/v1/*` path this Worker does not serve at all, forwarded
 *   there instead of the 404.
 * Both run after authentication: the client's key is checked here and never forwarded. An
 * issued key's model allowlist holds for routed models; keys with one get no unserved paths.
 */
import type { ApiRequest } from "./route";
import { passThrough } from "../ai/providers/openai-compatible/passthrough";
import { upstreamEndpoints } from "../ai/providers/openai-compatible/upstream-endpoints";
import { matchRoute, routingTable } from "../ai/registry/routing-table";
import { readBounded } from "../http/read-bounded";
import { tooLarge } from "../http/read-multipart";
import { assertModelAllowed } from "../keys/model-allowlist";
import { type AppContext, allowedModels } from "./context";

/** The upstream's response when a passthrough route claims this request's model, else undefined. */
export async function routedPassthrough(request: ApiRequest, ctx: AppContext): Promise<Response | undefined> {
  const table = routingTable(ctx.config);
  if (!table.routes.some((r) => r.mode === "passthrough")) return undefined;
  const req = request as unknown as Request;
  if (!new URL(req.url).pathname.startsWith("/v1/") || req.body === null) return undefined;
  // Read a copy: when no passthrough route claims the model, the handler reads the original
  // (and judges a body over the limits, which is never a passthrough here).
  const limit = Math.max(ctx.config.maxBodyBytes, ctx.config.maxAudioBytes);
  const bytes = await readBounded(req.clone(), limit, (size) => tooLarge(limit, size)).catch(() => undefined);
  if (!bytes) return undefined;
  const model = await modelOf(req.headers.get("content-type") ?? "", bytes);
  const route = model === undefined ? undefined : matchRoute(table, model);
  if (route?.rule.mode !== "passthrough") return undefined;
  if (model !== undefined) assertModelAllowed(allowedModels(ctx), model);
  return passThrough(req, bytes, upstreamEndpoints(route.chain, table, ctx.env), fetchUpstream);
}

/** With PASSTHROUGH_UPSTREAM set, the upstream's response for a `/v1/*` path no route here serves; else undefined. */
export async function unservedPassthrough(request: ApiRequest, ctx: AppContext): Promise<Response | undefined> {
  const table = routingTable(ctx.config);
  const req = request as unknown as Request;
  if (!table.passthroughUpstream || !new URL(req.url).pathname.startsWith("/v1/")) return undefined;
  // These paths may name any model upstream, so a key limited to some models gets the 404 instead.
  if (allowedModels(ctx)) return undefined;
  return passThrough(req, req.body, upstreamEndpoints([table.passthroughUpstream], table, ctx.env), fetchUpstream);
}

// Looked up per call, so tests can replace the global fetch.
const fetchUpstream = (url: string, init: RequestInit) => fetch(url, init);

/** The `model` field of a JSON or multipart body; undefined for any other body or none. */
async function modelOf(contentType: string, bytes: Uint8Array): Promise<string | undefined> {
  const type = contentType.toLowerCase();
  if (type.includes("application/json")) {
    try {
      const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
      const model = (body as { model?: unknown } | null)?.model;
      return typeof model === "string" ? model : undefined;
    } catch {
      return undefined; // the handler answers the malformed JSON
    }
  }
  if (type.includes("multipart/form-data")) {
    try {
      const model = (await new Response(bytes, { headers: { "content-type": contentType } }).formData()).get("model");
      return typeof model === "string" ? model : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
