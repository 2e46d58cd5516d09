/**
 * `GET /v1/models` and `GET /v1/models/{model}`: the catalogued Workers AI models (text
 * generation, then embedding, image, speech and moderation models) plus every alias clients
 * use (OpenAI's current chat names, MODEL_ALIASES, the embedding, image, audio, moderation
 * and legacy completion names), in OpenAI's `model` shape. Other OpenAI chat names (dated
 * snapshots, newer versions) resolve without being listed.
 */
import type { IRequest } from "itty-router";
import { TEXT_MODELS } from "../ai/registry/model-catalog";
import { OPENAI_CHAT_NAMES, openAIChatName } from "../ai/registry/openai-names";
import { LEGACY_COMPLETION_NAMES, SURFACE_ALIASES, SURFACE_MODELS } from "../ai/registry/surface-catalog";
import { OpenAIError } from "../http/errors";
import type { AppContext } from "./context";

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
  for (const m of [...TEXT_MODELS, ...SURFACE_MODELS])
    out.set(m.id, { id: m.id, object: "model", created: CREATED, owned_by: ownerOf(m.id) });
  const aliases = [...OPENAI_CHAT_NAMES, ...Object.keys(ctx.config.aliases), ...Object.keys(SURFACE_ALIASES), ...LEGACY_COMPLETION_NAMES];
  for (const alias of aliases) {
    if (!out.has(alias)) out.set(alias, { id: alias, object: "model", created: CREATED, owned_by: "ai-forwarder" });
  }
  return [...out.values()];
}

/** An OpenAI chat name not in the list (a dated snapshot, a newer version): it resolves, so it exists. */
function unlistedOpenAIName(id: string): ModelObject | undefined {
  return openAIChatName(id) ? { id, object: "model", created: CREATED, owned_by: "ai-forwarder" } : undefined;
}

function ownerOf(id: string): string {
  // "@cf/meta/llama-…" → "meta"
  return id.split("/")[1] ?? "cloudflare";
}

export function handleListModels(_request: IRequest, ctx: AppContext): Response {
  return Response.json({ object: "list", data: listModels(ctx) });
}

export function handleGetModel(request: IRequest, ctx: AppContext): Response {
  // Model ids contain slashes (`@cf/meta/...`), so the route captures the rest of the path.
  const id = decodeURIComponent(request.params.model ?? "");
  const found = listModels(ctx).find((m) => m.id === id) ?? unlistedOpenAIName(id);
  if (!found) {
    throw new OpenAIError(404, `The model '${id}' does not exist`, { param: "model", code: "model_not_found" });
  }
  return Response.json(found);
}
