/**
 * The admin API's routing document ⇄ the routing table. A document is validated by the very
 * parser that reads the UPSTREAMS / ROUTES / PASSTHROUGH_UPSTREAM vars (parseRoutingTable), so
 * the console can save exactly what a deployment could configure, and nothing else; its
 * problems are reported with the document's own field names (`routes[0].upstream`, …).
 */
import { type RoutingSource, type RoutingTable, parseRoutingTable } from "../ai/registry/routing-table";
import { invalidParam } from "../http/errors";
import type { RouteDocument, RoutingDocument, UpstreamDocument } from "../wire/admin-routing";

/** The vars a document stands for. */
export function documentSource(document: RoutingDocument): RoutingSource {
  return {
    UPSTREAMS: JSON.stringify(document.upstreams),
    ROUTES: JSON.stringify(document.routes),
    PASSTHROUGH_UPSTREAM: document.passthrough_upstream ?? "",
  };
}

/** A request body as a document and its table; a 400 naming the first problem. */
export function parseRoutingDocument(body: Record<string, unknown>): { document: RoutingDocument; table: RoutingTable } {
  const upstreams = body.upstreams ?? {};
  if (typeof upstreams !== "object" || upstreams === null || Array.isArray(upstreams)) {
    throw invalidParam("upstreams", '`upstreams` must be an object: { "<name>": { "base_url": "https://…/v1", … } }.');
  }
  const routes = body.routes ?? [];
  if (!Array.isArray(routes)) throw invalidParam("routes", '`routes` must be an array: [{ "model": "gpt-4o*", "upstream": "<name>" }, …].');
  const passthrough = body.passthrough_upstream ?? null;
  if (passthrough !== null && typeof passthrough !== "string") {
    throw invalidParam("passthrough_upstream", "`passthrough_upstream` must be an upstream's name or null.");
  }
  const document: RoutingDocument = {
    upstreams: upstreams as Record<string, UpstreamDocument>,
    routes: routes as RouteDocument[],
    passthrough_upstream: passthrough?.trim() || null,
  };
  const table = parseRoutingTable(documentSource(document));
  if (table.problem) {
    const message = inDocumentTerms(table.problem);
    throw invalidParam(/^(?:upstreams|routes|passthrough_upstream)[\w.[\]-]*/.exec(message)?.[0] ?? "routes", message);
  }
  return { document, table };
}

/** A table (the vars') as a document. */
export function renderRoutingTable(table: RoutingTable): RoutingDocument {
  const upstreams: Record<string, UpstreamDocument> = {};
  for (const [name, u] of table.upstreams) {
    upstreams[name] = {
      base_url: u.baseUrl,
      ...(u.apiKeySecret ? { api_key_secret: u.apiKeySecret } : {}),
      ...(u.apiKeyHeader !== "authorization" ? { api_key_header: u.apiKeyHeader } : {}),
      ...(Object.keys(u.headers).length > 0 ? { headers: { ...u.headers } } : {}),
      timeout_ms: u.timeoutMs,
    };
  }
  const routes = table.routes.map(
    (r): RouteDocument => ({
      model: r.pattern,
      upstream: r.upstream,
      ...(r.upstreamModel ? { upstream_model: r.upstreamModel } : {}),
      mode: r.mode,
      ...(r.fallback.length > 0 ? { fallback: [...r.fallback] } : {}),
    }),
  );
  return { upstreams, routes, passthrough_upstream: table.passthroughUpstream ?? null };
}

/** The parser speaks of the vars; the admin API's fields are their lower-case names. */
export function inDocumentTerms(problem: string): string {
  return problem
    .replace(/\bPASSTHROUGH_UPSTREAM\b/g, "passthrough_upstream")
    .replace(/\bUPSTREAMS\b/g, "upstreams")
    .replace(/\bROUTES\b/g, "routes");
}
