/**
 * The OpenAI-compatible provider: every capability over the upstreams a route names (with
 * fallback), over `fetch`. The return type is the complete ProviderByKind, so a capability
 * left out fails to compile.
 */
import type { ProviderByKind } from "../types";
import { upstreamChatBackend } from "./chat-backend";
import { upstreamEmbeddings, upstreamImages, upstreamModeration, upstreamSpeech, upstreamTranscription } from "./surface-capabilities";
import type { UpstreamClient } from "./upstream-client";

/** All six capabilities on `client`'s upstreams. */
export function openAICompatibleProvider(client: UpstreamClient): ProviderByKind {
  return {
    chat: upstreamChatBackend(client),
    embedding: upstreamEmbeddings(client),
    image: upstreamImages(client),
    speech: upstreamSpeech(client),
    transcription: upstreamTranscription(client),
    moderation: upstreamModeration(client),
  };
}
