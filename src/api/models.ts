/**
 * `GET /v1/models` and `GET /v1/models/{model}`: the catalogued Workers AI models (text
 * generation, then embedding, image, speech and moderation models) plus every alias clients
 * use (OpenAI's current chat names, MODEL_ALIASES, the embedding, image, audio, moderation
 * and legacy completion names), in OpenAI's `model` shape; and the names ROUTES sends to
 * upstreams (exact names listed, any name a glob matches found), `owned_by` the upstream that
 * serves them. Other OpenAI chat names (dated snapshots, newer versions) resolve, so
 * `GET /v1/models/{model}` finds them too. An issued key with a model allowlist sees only the
 * models its globs match; any other is a 404, as OpenAI shows a key only what it may use.
 */
import type { ApiRequest } from "./route";
import { TEXT_MODELS } from "../ai/registry/model-catalog";
import { OPENAI_CHAT_NAMES, openAIChatName } from "../ai/registry/openai-names";
import { matchRoute, routingTable } from "../ai/registry/routing-table";
import { LEGACY_COMPLETION_NAMES, SURFACE_ALIASES, SURFACE_MODELS } from "../ai/registry/surface-catalog";
import { OpenAIError } from "../http/errors";
import { decodePathSegment } from "../http/path-segment";
import { modelAllowed } from "../keys/model-allowlist";
import { type AppContext, allowedModels } from "./context";

interface ModelObject {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

// A fixed date: Workers AI does not publish per-model creation times.
const CREATED = 1_735_689_600; // 2025-01-01T00:00:00Z

function listModels(ctx: AppContext): ModelObject[] {
  const out = new Map<string, ModelObject>();
  for (const route of routingTable(ctx.config).routes) {
    if (!route.pattern.includes("*") && !out.has(route.pattern)) out.set(route.pattern, modelObject(route.pattern, route.upstream));
  }
  for (const m of [...TEXT_MODELS, ...SURFACE_MODELS]) if (!out.has(m.id)) out.set(m.id, modelObject(m.id, ownerOf(m.id)));
  const aliases = [...OPENAI_CHAT_NAMES, ...Object.keys(ctx.config.aliases), ...Object.keys(SURFACE_ALIASES), ...LEGACY_COMPLETION_NAMES];
  for (const alias of aliases) {
    if (!out.has(alias)) out.set(alias, modelObject(alias, "ai-forwarder"));
  }
  return [...out.values()];
}

function modelObject(id: string, owner: string): ModelObject {
  return { id, object: "model", created: CREATED, owned_by: owner };
}

function ownerOf(id: string): string {
  // "@cf/meta/llama-…" → "meta"
  return id.split("/")[1] ?? "cloudflare";
}

export function handleListModels(_request: ApiRequest, ctx: AppContext): Response {
  const allowed = allowedModels(ctx);
  const data = allowed ? listModels(ctx).filter((m) => modelAllowed(allowed, m.id)) : listModels(ctx);
  return Response.json({ object: "list", data });
}

export function handleGetModel(request: ApiRequest, ctx: AppContext): Response {
  // Model ids contain slashes (`@cf/meta/...`), so the route captures the rest of the path.
  const raw = request.params.model ?? "";
  // Malformed percent-encoding names no model: 404 with the id as sent.
  const id = decodePathSegment(raw) ?? raw;
  const route = matchRoute(routingTable(ctx.config), id);
  const listed = route ? modelObject(id, route.rule.upstream) : listModels(ctx).find((m) => m.id === id);
  // An OpenAI chat name not listed (a dated snapshot, a newer version) resolves, so it exists.
  const found = listed ?? (openAIChatName(id) ? modelObject(id, "ai-forwarder") : undefined);
  if (!found || !modelAllowed(allowedModels(ctx), id)) {
    throw new OpenAIError(404, `The model '${id}' does not exist`, { param: "model", code: "model_not_found" });
  }
  return Response.json(found);
}
