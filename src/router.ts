/**
 * The HTTP layer around every route: CORS preflight, request id, authentication, passthrough
 * to upstreams (api/passthrough.ts), OpenAI's error envelope for every failure (404 unknown
 * route, 405 wrong method, thrown errors).
 */
import type { ApiRequest } from "./api/route";
import type { AppContext, Bindings } from "./api/context";
import { routedPassthrough, unservedPassthrough } from "./api/passthrough";
import { configFor } from "./config";
import { requireAdmin } from "./admin/require-admin";
import { cachedRoutingOverride, withRoutingOverride } from "./admin/routing-override";
import { admitIssuedKey } from "./api/key-admission";
import { authenticate } from "./http/auth";
import { preflight, withCommonHeaders } from "./http/cors";
import { OpenAIError, errorResponse } from "./http/errors";
import { ROUTES, type Route } from "./routes";
import { DEFAULT_PRINCIPAL } from "./keys/principal";
import { compileRoutes, type RouteMatch } from "./route-matcher";
import { newId } from "./util/ids";

export function createRouter(routes: readonly Route[] = ROUTES) {
  const matcher = compileRoutes(routes);

  /** Steps every request takes before its handler (in this order); a Response ends it there. */
  async function before(request: ApiRequest, ctx: AppContext, match: RouteMatch | undefined): Promise<Response | undefined> {
    const early = preflight(request);
    if (early) return early;
    // Routes marked `public` (capability URLs: unguessable and expiring) skip authentication;
    // `admin` routes take the admin credentials instead of an API key.
    if (match?.route.admin) {
      const denied = await requireAdmin(request, ctx.env);
      if (denied) return denied;
    } else if (!match?.route.public) {
      ctx.principal = await authenticate(request, ctx.config, ctx.env.CACHE);
      if (ctx.principal.key) await admitIssuedKey(ctx, ctx.principal.key);
    }
    // The admin console's routing override, if one is saved (isolate-cached: no KV read per request).
    ctx.config = withRoutingOverride(ctx.config, await cachedRoutingOverride(ctx.env.CACHE));
    return routedPassthrough(request, ctx);
  }

  /** No route for this method and path: 405 when another method has one, else the passthrough upstream or 404. */
  async function unrouted(request: ApiRequest, ctx: AppContext, path: string): Promise<Response> {
    const allowed = matcher.allowed(path);
    if (allowed.length > 0) {
      const res = errorResponse(
        new OpenAIError(405, `Method ${request.method} is not allowed for ${path}. Allowed: ${allowed.join(", ")}.`, {
          code: "method_not_allowed",
        }),
      );
      res.headers.set("allow", allowed.join(", "));
      return res;
    }
    const forwarded = await unservedPassthrough(request, ctx);
    if (forwarded) return forwarded;
    return errorResponse(new OpenAIError(404, `Invalid URL (${request.method} ${path})`, { code: "unknown_url" }));
  }

  return {
    /** Answers `request`; every failure becomes OpenAI's error envelope. */
    async fetch(raw: Request, ctx: AppContext): Promise<Response> {
      const request = raw as ApiRequest;
      try {
        const { path, search } = splitUrl(raw.url);
        const match = matcher.match(raw.method, path);
        request.params = match?.params ?? {};
        request.query = queryOf(search);
        const early = await before(request, ctx, match);
        if (early) return early;
        return match ? await match.route.handler(request, ctx) : await unrouted(request, ctx, path);
      } catch (err) {
        return errorResponse(err);
      }
    },
  };
}

/**
 * The path and query string of `Request.url`, cut out of the string: the runtime hands the
 * Worker an already parsed and serialized URL (normalised path, percent-encoding done), so the
 * pieces are exactly what a `URL` object would give, and building one showed in workerd's
 * per-request profile.
 */
export function splitUrl(url: string): { path: string; search: string } {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return { path: "/", search: "" };
  let end = url.indexOf("#", start);
  if (end === -1) end = url.length;
  const query = url.indexOf("?", start);
  if (query === -1 || query > end) return { path: url.slice(start, end), search: "" };
  // A lone "?" is an empty query, as `URL.search` has it.
  return { path: url.slice(start, query), search: end - query > 1 ? url.slice(query, end) : "" };
}

/** The query string as handlers read it: one string per name, an array when a name repeats. */
function queryOf(search: string): ApiRequest["query"] {
  const query: ApiRequest["query"] = Object.create(null);
  if (search.length <= 1) return query;
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : ([] as string[]).concat(seen, value);
  }
  return query;
}

const router = createRouter();

/** The Worker's fetch: builds the per-request context and always answers with CORS headers. */
export async function handleRequest(request: Request, env: Bindings, exec: ExecutionContext): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? newId("req_");
  const ctx: AppContext = { env, config: configFor(env), exec, requestId, principal: DEFAULT_PRINCIPAL };
  let response: Response;
  try {
    response = await router.fetch(request, ctx);
  } catch (err) {
    response = errorResponse(err);
  }
  const out = withCommonHeaders(response, requestId);
  for (const [name, value] of Object.entries(ctx.responseHeaders ?? {})) out.headers.set(name, value);
  return out;
}
