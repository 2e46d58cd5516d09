/**
 * What a provider does, one interface per capability: chat (a ChatRequest → a stream of
 * canonical ChatEvents), embeddings, image generation, speech, transcription and moderation.
 * Services call these and never a backend's own API, so a provider is one folder implementing
 * some of them (Workers AI implements all) plus its models in the registry; no handler or
 * service changes. Inputs and outputs here are provider-neutral: OpenAI's concepts, already
 * validated against the resolved model.
 */
import type { ImageFormat } from "../../util/media";
import type { ModelKind, ResolvedModel } from "../registry/resolve-model";
import type { SpeechFormat } from "../registry/surface-catalog";
import type { ChatBackend } from "../types";

/** The providers the registry can name. */
export type ProviderId = "workers-ai" | "openai-compatible";

/** Turns texts into vectors. */
export interface EmbeddingsProvider {
  /** One vector per text, in input order, at the model's native length. */
  embed(model: ResolvedModel<"embedding">, texts: readonly string[]): Promise<number[][]>;
}

export interface ImageJob {
  prompt: string;
  /** Omitted: the model's default size. */
  size?: { width: number; height: number };
  /** Omitted: the model's default step count. */
  steps?: number;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  format: ImageFormat;
}

/** Generates one image per call. */
export interface ImageProvider {
  generateImage(model: ResolvedModel<"image">, job: ImageJob): Promise<GeneratedImage>;
}

export interface SpeechJob {
  text: string;
  /** The model's speaker; undefined for single-voice models. */
  speaker: string | undefined;
  format: SpeechFormat;
}

export interface SpeechAudio {
  /** A stream when the provider streams the audio, else the whole file. */
  body: ReadableStream<Uint8Array> | Uint8Array;
  contentType: string;
}

/** Turns text into audio in the requested format. */
export interface SpeechProvider {
  speak(model: ResolvedModel<"speech">, job: SpeechJob): Promise<SpeechAudio>;
}

export interface TranscriptionJob {
  audio: Uint8Array;
  task: "transcribe" | "translate";
  language?: string;
  prompt?: string;
}

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
  temperature?: number;
  avgLogprob?: number;
  compressionRatio?: number;
  noSpeechProb?: number;
}

export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
}

export interface Transcript {
  text: string;
  /** ISO-639-1 code, when the model reports one. */
  language?: string;
  /** Seconds, when the model reports it. */
  duration?: number;
  segments: TranscriptSegment[];
  words: TranscriptWord[];
}

/** Turns audio into text (or English text, for `translate`). */
export interface TranscriptionProvider {
  transcribe(model: ResolvedModel<"transcription">, job: TranscriptionJob): Promise<Transcript>;
}

/** OpenAI's moderation categories. */
export const OPENAI_CATEGORIES = [
  "hate",
  "hate/threatening",
  "harassment",
  "harassment/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;

export type OpenAICategory = (typeof OPENAI_CATEGORIES)[number];

export interface ModerationVerdict {
  /** The model's own verdict; may be true with no OpenAI category (a hazard OpenAI has none for). */
  flagged: boolean;
  categories: OpenAICategory[];
}

/** Classifies one text. */
export interface ModerationProvider {
  classify(model: ResolvedModel<"moderation">, text: string): Promise<ModerationVerdict>;
}

/** The capability interface serving each model kind. */
export interface ProviderByKind {
  chat: ChatBackend;
  embedding: EmbeddingsProvider;
  image: ImageProvider;
  speech: SpeechProvider;
  transcription: TranscriptionProvider;
  moderation: ModerationProvider;
}

/** A provider: the capabilities it has (a chat-only upstream leaves the others out). */
export type Provider = { readonly [K in ModelKind]?: ProviderByKind[K] };
