/**
 * `/admin/api/routing` and `/admin/api/upstreams/{name}/test`: the console's editor for the
 * routing table. GET shows the table in force and its source; PUT validates a document like
 * the UPSTREAMS/ROUTES vars and saves it in KV as the override; DELETE returns to the vars.
 * Upstream keys stay secrets: a document names the secret, never holds the key.
 */
import type { ApiRequest } from "../route";
import { parseRoutingDocument, renderRoutingTable } from "../../admin/routing-document";
import { type RoutingOverride, clearRoutingOverride, readRoutingOverride, saveRoutingOverride } from "../../admin/routing-override";
import { testUpstream } from "../../admin/test-upstream";
import { configFor } from "../../config";
import { OpenAIError } from "../../http/errors";
import { decodePathSegment } from "../../http/path-segment";
import { readJsonObject } from "../../http/read-json";
import type { RoutingView } from "../../wire/admin-routing";
import type { AppContext } from "../context";
import type { Route } from "../route";

const MAX_DOCUMENT_BYTES = 256 * 1024;

function view(override: RoutingOverride | null, ctx: AppContext): Response {
  const vars = configFor(ctx.env).routing;
  const body: RoutingView = override
    ? { ...override.stored.document, source: "kv", updated_at: override.stored.updated_at, problem: null }
    : { ...renderRoutingTable(vars), source: "vars", updated_at: null, problem: vars.problem ?? null };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}

async function getRouting(_request: ApiRequest, ctx: AppContext): Promise<Response> {
  return view(await readRoutingOverride(ctx.env.CACHE), ctx);
}

async function putRouting(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, MAX_DOCUMENT_BYTES);
  const { document, table } = parseRoutingDocument(body);
  return view(await saveRoutingOverride(ctx.env.CACHE, ctx.config.kvWriteSpacingMs, document, table), ctx);
}

async function deleteRouting(_request: ApiRequest, ctx: AppContext): Promise<Response> {
  await clearRoutingOverride(ctx.env.CACHE, ctx.config.kvWriteSpacingMs);
  return view(null, ctx);
}

async function testConnection(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const name = decodePathSegment(request.params.name ?? "") ?? "";
  const override = await readRoutingOverride(ctx.env.CACHE);
  const table = override?.table ?? configFor(ctx.env).routing;
  if (!table.upstreams.has(name)) {
    throw new OpenAIError(404, `No upstream named \`${name}\` in the routing table in force.`, {
      param: "name",
      code: "upstream_not_found",
    });
  }
  return Response.json(await testUpstream(table, name, ctx.env), { headers: { "cache-control": "no-store" } });
}

export const ROUTING_ROUTES: readonly Route[] = [
  { method: "GET", path: "/admin/api/routing", handler: getRouting, admin: true },
  { method: "PUT", path: "/admin/api/routing", handler: putRouting, admin: true },
  { method: "DELETE", path: "/admin/api/routing", handler: deleteRouting, admin: true },
  { method: "POST", path: "/admin/api/upstreams/:name/test", handler: testConnection, admin: true },
];
