/**
 * The non-chat capabilities over an OpenAI-compatible upstream: embeddings, image generation,
 * speech, transcription and moderation, each one request to the upstream's own OpenAI endpoint
 * and its answer read back into the provider-neutral shapes the services use. The services
 * then render OpenAI's responses exactly as they do for Workers AI.
 */
import { OPENAI_CATEGORIES, type OpenAICategory, type ProviderByKind } from "../types";
import { base64ToBytes } from "../../../util/base64";
import { sniffImage } from "../../../util/media";
import { type UpstreamClient, malformed, post, postJson } from "./upstream-client";

type Json = Record<string, unknown>;

function asJson(value: unknown, what: string): Json {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw malformed(`${what} that is not an object`);
  return value as Json;
}

function firstOf(list: unknown, what: string): Json {
  if (!Array.isArray(list) || list.length === 0) throw malformed(`${what} without data`);
  return asJson(list[0], what);
}

/** `POST /embeddings`: one float vector per text, in input order. */
export function upstreamEmbeddings(client: UpstreamClient): ProviderByKind["embedding"] {
  return {
    async embed(model, texts) {
      const answer = asJson(
        await postJson(client, "/embeddings", { model: model.model, input: texts, encoding_format: "float" }),
        "embeddings",
      );
      const data = Array.isArray(answer.data) ? (answer.data as Json[]) : [];
      const vectors = [...data].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0)).map((d) => d.embedding);
      if (vectors.length !== texts.length || !vectors.every((v) => Array.isArray(v) && v.every((x) => typeof x === "number"))) {
        throw malformed(`embeddings that do not hold ${texts.length} float vectors`);
      }
      return vectors as number[][];
    },
  };
}

/** `POST /images/generations` for one image, as base64 (GPT image models answer base64 only, unasked). */
export function upstreamImages(client: UpstreamClient): ProviderByKind["image"] {
  return {
    async generateImage(model, job) {
      const body: Json = { model: model.model, prompt: job.prompt, n: 1 };
      if (job.size) body.size = `${job.size.width}x${job.size.height}`;
      if (!model.model.startsWith("gpt-image")) body.response_format = "b64_json";
      const image = firstOf(asJson(await postJson(client, "/images/generations", body), "images").data, "an images answer");
      if (typeof image.b64_json !== "string") throw malformed("an image without b64_json");
      const bytes = base64ToBytes(image.b64_json);
      const format = sniffImage(bytes);
      if (!format) throw malformed("image bytes that are not PNG, JPEG or WebP");
      return { bytes, format };
    },
  };
}

/** `POST /audio/speech`: the audio streams back as the upstream sends it. */
export function upstreamSpeech(client: UpstreamClient): ProviderByKind["speech"] {
  return {
    async speak(model, job) {
      const response = await post(client, "/audio/speech", {
        model: model.model,
        input: job.text,
        voice: job.speaker ?? "alloy",
        response_format: job.format,
      });
      if (!response.body) throw malformed("no audio");
      return { body: response.body, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
    },
  };
}

/** `POST /audio/transcriptions` (or `/translations`) as `verbose_json`, for segments and words. */
export function upstreamTranscription(client: UpstreamClient): ProviderByKind["transcription"] {
  return {
    async transcribe(model, job) {
      const form = new FormData();
      form.set("file", new Blob([job.audio]), "audio");
      form.set("model", model.model);
      form.set("response_format", "verbose_json");
      if (job.language) form.set("language", job.language);
      if (job.prompt) form.set("prompt", job.prompt);
      if (job.task === "transcribe") {
        form.append("timestamp_granularities[]", "segment");
        form.append("timestamp_granularities[]", "word");
      }
      const path = job.task === "translate" ? "/audio/translations" : "/audio/transcriptions";
      const answer = asJson(await postJson(client, path, form), "a transcription");
      if (typeof answer.text !== "string") throw malformed("a transcription without text");
      const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
      return {
        text: answer.text,
        language: typeof answer.language === "string" ? answer.language : undefined,
        duration: typeof answer.duration === "number" ? answer.duration : undefined,
        segments: list(answer.segments).map((s) => ({ start: Number(s.start ?? 0), end: Number(s.end ?? 0), text: String(s.text ?? "") })),
        words: list(answer.words).map((w) => ({ word: String(w.word ?? ""), start: Number(w.start ?? 0), end: Number(w.end ?? 0) })),
      };
    },
  };
}

/** `POST /moderations`: the upstream's verdict and the OpenAI categories it flagged. */
export function upstreamModeration(client: UpstreamClient): ProviderByKind["moderation"] {
  return {
    async classify(model, text) {
      const result = firstOf(
        asJson(await postJson(client, "/moderations", { model: model.model, input: text }), "moderations").results,
        "a moderation answer",
      );
      const flags = (result.categories ?? {}) as Record<string, unknown>;
      const categories = OPENAI_CATEGORIES.filter((c): c is OpenAICategory => flags[c] === true);
      return { flagged: result.flagged === true, categories };
    },
  };
}
