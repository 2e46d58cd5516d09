/**
 * Which Workers AI model serves a non-chat request: MODEL_ALIASES first, then OpenAI's names
 * (per-kind overrides such as EMBEDDING_MODEL, else the catalog default), then catalogued ids,
 * then any other `@cf/`/`@hf/` id passed through for the binding to judge. A model of another
 * kind (a chat model on /v1/embeddings, `dall-e-3` on /v1/audio/speech) is a 400; a name that
 * is nothing at all is OpenAI's 404 `model_not_found`.
 */
import type { Config } from "../config";
import { OpenAIError } from "../http/errors";
import { RETIRED_MODELS, findModel } from "./model-catalog";
import {
  type EmbeddingModelInfo,
  type ImageModelInfo,
  type ModerationModelInfo,
  type SpeechModelInfo,
  type SurfaceKind,
  type TranscriptionModelInfo,
  findSurfaceModel,
  surfaceAlias,
} from "./surface-catalog";

interface InfoByKind {
  embedding: EmbeddingModelInfo;
  image: ImageModelInfo;
  transcription: TranscriptionModelInfo;
  speech: SpeechModelInfo;
  moderation: ModerationModelInfo;
}

export interface ResolvedSurfaceModel<K extends SurfaceKind> {
  /** What the client asked for; echoed in response `model` fields. */
  requested: string;
  /** The Workers AI id that runs. */
  id: string;
  /** Catalog facts; undefined for an uncatalogued `@cf/` id (then the binding judges). */
  info: InfoByKind[K] | undefined;
}

const KIND_NAMES: Readonly<Record<SurfaceKind, string>> = {
  embedding: "an embedding model",
  image: "an image generation model",
  transcription: "a speech-to-text model",
  speech: "a text-to-speech model",
  moderation: "a moderation model",
};

export function resolveSurfaceModel<K extends SurfaceKind>(kind: K, requested: string, config: Config): ResolvedSurfaceModel<K> {
  const alias = surfaceAlias(requested);
  // MODEL_ALIASES (in config.aliases) wins: no built-in chat alias there shares a name with a surface alias.
  const configured = config.aliases[requested];
  let id: string;
  if (configured !== undefined) id = configured;
  else if (alias) {
    if (alias.kind !== kind) throw wrongKind(kind, requested);
    id = config.surfaceModels[kind] ?? alias.model;
  } else id = requested;

  const info = findSurfaceModel(id);
  if (info) {
    if (info.kind !== kind) throw wrongKind(kind, requested, id);
    return { requested, id, info: info as InfoByKind[K] };
  }
  if (findModel(id) || RETIRED_MODELS[id] !== undefined) throw wrongKind(kind, requested, id);
  if (/^@(cf|hf)\//.test(id)) return { requested, id, info: undefined };
  throw new OpenAIError(404, `The model \`${requested}\` does not exist or you do not have access to it.`, {
    param: "model",
    code: "model_not_found",
  });
}

function wrongKind(kind: SurfaceKind, requested: string, id?: string): OpenAIError {
  const runs = id && id !== requested ? ` (${id})` : "";
  return new OpenAIError(400, `The model \`${requested}\`${runs} is not ${KIND_NAMES[kind]}; it cannot serve this endpoint.`, {
    param: "model",
    code: "model_not_supported",
  });
}
