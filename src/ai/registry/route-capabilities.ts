/**
 * Capability routing: a request whose content needs something its resolved model lacks goes
 * to a configured model that has it, instead of failing — an image sent to `gpt-4o` (which
 * resolves to a text-only model) is answered by VISION_MODEL, as OpenAI would answer it. A
 * client that named a provider's own id (`@cf/…`) chose that model deliberately, so its
 * request is left as is and the capability check's 400 stands. The routed model keeps the
 * client's name (`requested`, echoed in responses) and that name's default reasoning effort.
 */
import type { Config } from "../../config";
import { namespaceProvider } from "./catalog";
import { type ResolvedModel, resolveModel } from "./resolve-model";

/** What the request's content needs. */
export interface ContentNeeds {
  images: boolean;
}

/** `model`, or the configured model with the capability the content needs and `model` lacks. */
export function routeForContent(model: ResolvedModel<"chat">, needs: ContentNeeds, config: Config): ResolvedModel<"chat"> {
  const can = model.capabilities;
  if (!needs.images || !can || can.vision) return model;
  if (namespaceProvider(model.requested) !== undefined) return model;
  const vision = resolveModel(config.visionModel, "chat", config);
  return { ...vision, requested: model.requested, defaultEffort: model.defaultEffort };
}
