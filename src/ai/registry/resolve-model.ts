/**
 * The one model resolver: a client's model name, for an endpoint of a given kind → the
 * provider and backend model that serve it, with its catalog facts and capabilities.
 *
 * Order: ROUTES first (a route sends the client's name, or its rename, to an OpenAI-compatible
 * upstream, which judges the model itself); then MODEL_ALIASES (Config.aliases); then the
 * built-in OpenAI names of every kind (per-kind overrides such as EMBEDDING_MODEL, else the
 * catalog default); then any other OpenAI chat-model name, by class (openai-names.ts:
 * DEFAULT_AI_MODEL or REASONING_MODEL); then the name itself. A retired id follows its
 * documented replacement. A model of
 * another kind (a chat model on /v1/embeddings, `dall-e-3` on /v1/audio/speech) is a 400
 * `model_not_supported`; an uncatalogued id in a provider's namespace (`@cf/`, `@hf/`) passes
 * through for the provider to judge, as does any target an operator's alias names; a name
 * that is nothing at all is OpenAI's 404 `model_not_found`, as is a name outside the issued
 * key's model allowlist (`allowed`, keys/model-allowlist.ts), checked before anything else.
 */
import type { Config } from "../../config";
import { OpenAIError, invalidParam } from "../../http/errors";
import { type ModelAllowlist, assertModelAllowed } from "../../keys/model-allowlist";
import type { ProviderId } from "../providers/types";
import type { ReasoningEffort } from "../types";
import {
  type BuiltinAlias,
  type CatalogEntry,
  DEFAULT_PROVIDER,
  builtinAlias,
  findEntry,
  namespaceProvider,
  retiredReplacement,
} from "./catalog";
import type { ModelInfo } from "./model-catalog";
import { type ModelClass, openAIChatName } from "./openai-names";
import { matchRoute, routingTable } from "./routing-table";
import type {
  EmbeddingModelInfo,
  ImageModelInfo,
  ModerationModelInfo,
  SpeechModelInfo,
  SurfaceKind,
  TranscriptionModelInfo,
} from "./surface-catalog";

/** What a model does, as the endpoints see it: text generation, or one of the non-chat kinds. */
export type ModelKind = "chat" | SurfaceKind;

/** Catalog facts per kind. */
export interface InfoByKind {
  chat: ModelInfo;
  embedding: EmbeddingModelInfo;
  image: ImageModelInfo;
  transcription: TranscriptionModelInfo;
  speech: SpeechModelInfo;
  moderation: ModerationModelInfo;
}

/** What a text-generation model can take and do, from its catalog entry. */
export interface Capabilities {
  /** Image input. */
  vision: boolean;
  /** Function calling. */
  tools: boolean;
  /** `response_format` json_object / json_schema. */
  json: boolean;
  /** Thinks before answering. */
  reasoning: boolean;
}

export interface ResolvedModel<K extends ModelKind = ModelKind> {
  /** What the client asked for; reported back in response `model` fields. */
  requested: string;
  /** Which provider serves it. */
  provider: ProviderId;
  /** The backend model id the provider runs (e.g. a Workers AI `@cf/...` id). */
  model: string;
  kind: K;
  /** Undefined when uncatalogued: then the provider itself judges what the model can do. */
  capabilities: Capabilities | undefined;
  /** Catalog facts; undefined for an uncatalogued id. */
  info: InfoByKind[K] | undefined;
  /**
   * The reasoning effort the requested name implies when a request sets none (an OpenAI chat
   * name's, whatever model it resolved to); undefined leaves the model's own default.
   */
  defaultEffort: ReasoningEffort | undefined;
  /** A routed model only: the upstreams (UPSTREAMS names) to try, in order — the route's, then its fallbacks. */
  upstreams?: readonly string[];
}

const KIND_NAMES: Readonly<Record<ModelKind, string>> = {
  chat: "a text-generation model",
  embedding: "an embedding model",
  image: "an image generation model",
  transcription: "a speech-to-text model",
  speech: "a text-to-speech model",
  moderation: "a moderation model",
};

/** Non-chat models take no images, tools or JSON mode and do not reason. */
const NO_CHAT_CAPABILITIES: Capabilities = { vision: false, tools: false, json: false, reasoning: false };

/** Resolves `requested` for an endpoint serving `kind`; throws OpenAI's 404 or 400 as described above. */
export function resolveModel<K extends ModelKind>(requested: string, kind: K, config: Config, allowed?: ModelAllowlist): ResolvedModel<K> {
  // An issued key's allowlist first: a model it may not use looks like one that does not exist.
  assertModelAllowed(allowed, requested);
  // A passthrough route's model reaches here only when no request body carried it (e.g. a
  // run of a stored assistant that names it): it is then translated over the same upstreams.
  const route = matchRoute(routingTable(config), requested);
  if (route) {
    const model = route.rule.upstreamModel ?? requested;
    // The upstream judges the model, reasoning included: only a client's own effort is sent on.
    const upstream = { capabilities: undefined, info: undefined, defaultEffort: undefined, upstreams: route.chain };
    return { requested, provider: "openai-compatible", model, kind, ...upstream };
  }
  const configured = config.aliases[requested];
  const alias = configured === undefined ? builtinAlias(requested) : undefined;
  if (alias && alias.kind !== kind) throw wrongKind(kind, requested);
  const openAI = openAIChatName(requested);
  const byClass = configured === undefined && !alias && openAI ? classModel(openAI.class, config) : undefined;
  if (byClass !== undefined && kind !== "chat") throw wrongKind(kind, requested, byClass);
  const model = retiredReplacement(configured ?? (alias ? aliasTarget(alias, config) : (byClass ?? requested)));
  const defaultEffort = kind === "chat" ? openAI?.defaultEffort : undefined;

  const entry = findEntry(model);
  if (entry) {
    if (entry.kind !== kind) throw wrongKind(kind, requested, model);
    const info = entry.info as InfoByKind[K];
    return { requested, provider: entry.provider, model, kind, capabilities: capabilitiesOf(entry), info, defaultEffort };
  }
  const named = configured !== undefined || alias !== undefined || byClass !== undefined;
  const provider = namespaceProvider(model) ?? (named ? DEFAULT_PROVIDER : undefined);
  if (!provider) {
    throw new OpenAIError(404, `The model \`${requested}\` does not exist or you do not have access to it.`, {
      param: "model",
      code: "model_not_found",
    });
  }
  return { requested, provider, model, kind, capabilities: undefined, info: undefined, defaultEffort };
}

function classModel(modelClass: ModelClass, config: Config): string {
  return modelClass === "reasoning" ? config.reasoningModel : config.defaultModel;
}

function aliasTarget(alias: BuiltinAlias, config: Config): string {
  return alias.kind === "chat" ? config.defaultModel : (config.surfaceModels[alias.kind] ?? alias.model);
}

function capabilitiesOf(entry: CatalogEntry): Capabilities {
  if (entry.kind !== "chat") return NO_CHAT_CAPABILITIES;
  const { vision, tools, jsonMode, reasoning } = entry.info;
  return { vision, tools, json: jsonMode, reasoning };
}

function wrongKind(kind: ModelKind, requested: string, model?: string): OpenAIError {
  const runs = model && model !== requested ? ` (${model})` : "";
  return invalidParam(
    "model",
    `The model \`${requested}\`${runs} is not ${KIND_NAMES[kind]}; it cannot serve this endpoint.`,
    "model_not_supported",
  );
}
