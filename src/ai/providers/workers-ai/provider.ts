/**
 * The Workers AI provider: every capability, each from its runner over the `AI` binding.
 * The return type is the complete ProviderByKind, so a capability left out fails to compile.
 */
import type { AiRunner } from "../../types";
import type { ProviderByKind } from "../types";
import { openAICategories } from "./llama-guard-categories";
import { runEmbeddings } from "./run-embeddings";
import { runImage } from "./run-image";
import { runLlamaGuard } from "./run-llama-guard";
import { runSpeech } from "./run-speech";
import { runTranscription } from "./run-transcription";
import { workersAiBackend } from "./workers-ai-backend";

/** All six capabilities on one AI binding. */
export function workersAiProvider(ai: AiRunner): ProviderByKind {
  return {
    chat: workersAiBackend(ai),
    embedding: { embed: (model, texts) => runEmbeddings(ai, model, texts) },
    image: { generateImage: (model, job) => runImage(ai, model, job) },
    speech: { speak: (model, job) => runSpeech(ai, model, job) },
    transcription: { transcribe: (model, job) => runTranscription(ai, model, job) },
    moderation: {
      async classify(model, text) {
        const verdict = await runLlamaGuard(ai, model.model, text);
        return { flagged: !verdict.safe, categories: openAICategories(verdict.categories) };
      },
    },
  };
}
