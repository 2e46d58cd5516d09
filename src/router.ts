/**
 * The HTTP layer around every route: CORS preflight, request id, authentication, passthrough
 * to upstreams (api/passthrough.ts), OpenAI's error envelope for every failure (404 unknown
 * route, 405 wrong method, thrown errors).
 */
import { type IRequest, Router } from "itty-router";
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
import { newId } from "./util/ids";

type Args = [AppContext];

function patternOf(path: string): RegExp {
  const source = path.replace(/\/:(\w+)\+/g, "/.+").replace(/\/:(\w+)/g, "/[^/]+");
  return new RegExp(`^${source}/?$`);
}

export function createRouter(routes: readonly Route[] = ROUTES) {
  const patterns = routes.map((r) => ({ method: r.method, pattern: patternOf(r.path) }));
  // Routes marked `public` (capability URLs: unguessable and expiring) skip authentication.
  const publicPatterns = patterns.filter((_, i) => routes[i]?.public);
  const adminPatterns = patterns.filter((_, i) => routes[i]?.admin);
  const matches = (list: typeof patterns, method: string, path: string) => list.some((p) => p.method === method && p.pattern.test(path));
  const router = Router<IRequest, Args>({
    before: [
      (request: IRequest, ctx: AppContext) => {
        const early = preflight(request as unknown as Request);
        if (early) return early;
        // Parsed once here for both checks (URL parsing shows in workerd's per-request profile).
        const path = new URL(request.url).pathname;
        if (matches(publicPatterns, request.method, path)) return undefined;
        if (matches(adminPatterns, request.method, path)) return requireAdmin(request as unknown as Request, ctx.env);
        return authenticate(request as unknown as Request, ctx.config, ctx.env.CACHE).then(async (principal) => {
          ctx.principal = principal;
          if (principal.key) await admitIssuedKey(ctx, principal.key);
          return undefined;
        });
      },
      // The admin console's routing override, if one is saved (isolate-cached: no KV read per request).
      async (_request: IRequest, ctx: AppContext) => {
        ctx.config = withRoutingOverride(ctx.config, await cachedRoutingOverride(ctx.env.CACHE));
      },
      routedPassthrough,
    ],
    catch: (err: unknown) => errorResponse(err),
  });
  for (const r of routes) router[r.method.toLowerCase() as "get" | "post" | "put" | "delete"](r.path, r.handler);
  router.all("*", async (request: IRequest, ctx: AppContext) => {
    const path = new URL(request.url).pathname;
    const allowed = patterns.filter((p) => p.pattern.test(path)).map((p) => p.method);
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
  });
  return router;
}

const router = createRouter();

/** The Worker's fetch: builds the per-request context and always answers with CORS headers. */
export async function handleRequest(request: Request, env: Bindings, exec: ExecutionContext): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? newId("req_");
  const ctx: AppContext = { env, config: configFor(env), exec, requestId, principal: DEFAULT_PRINCIPAL };
  let response: Response;
  try {
    response = (await router.fetch(request, ctx)) ?? errorResponse(new OpenAIError(404, "Not found"));
  } catch (err) {
    response = errorResponse(err);
  }
  const out = withCommonHeaders(response, requestId);
  for (const [name, value] of Object.entries(ctx.responseHeaders ?? {})) out.headers.set(name, value);
  return out;
}
