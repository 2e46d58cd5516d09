/**
 * The non-chat Workers AI catalog as data: embedding, image, speech-to-text, text-to-speech
 * and moderation models, what each can truthfully do, and which OpenAI model names alias to
 * which of them. Handlers read capabilities from here instead of branching on model ids.
 *
 * Sources (read Nov 2026):
 * - Input and output shapes: the generated runtime types in worker-configuration.d.ts
 *   (`AiModels`: `Base_Ai_Cf_Baai_Bge_*`, `BaseAiTextEmbeddings` for embeddinggemma,
 *   `Base_Ai_Cf_Qwen_Qwen3_Embedding_0_6B`, `Base_Ai_Cf_Black_Forest_Labs_Flux_1_Schnell`,
 *   `BaseAiTextToImage` (PNG byte streams), `Base_Ai_Cf_Openai_Whisper*`,
 *   `BaseAiTextToSpeech` for melotts, `Base_Ai_Cf_Deepgram_Aura_*`, `Base_Ai_Cf_Meta_Llama_Guard_3_8B`).
 * - Model pages: https://developers.cloudflare.com/workers-ai/models/ (flux-1-schnell returns
 *   a base64 JPEG and takes at most 8 steps; qwen3-embedding-0.6b has an 8,192-token window).
 * - Dimensions and Matryoshka training: the model cards (EmbeddingGemma: 768 with MRL
 *   truncation to 512/256/128; Qwen3-Embedding-0.6B: 1024, "user-defined output dimensions
 *   from 32 to 1024"; the bge v1.5 family and bge-m3 have no MRL training, so truncating them
 *   would not be a truthful `dimensions`).
 * - Batch size: Workers AI embeds at most 100 texts per call (documented for the bge models).
 */

export type SurfaceKind = "embedding" | "image" | "transcription" | "speech" | "moderation";

interface SurfaceBase {
  id: string;
  description: string;
}

export interface EmbeddingModelInfo extends SurfaceBase {
  kind: "embedding";
  /** Native vector length. */
  dimensions: number;
  /**
   * Shorter lengths the model was trained to be truncated to (Matryoshka): the first N values,
   * re-normalised, are a faithful N-dimensional embedding. Absent: only `dimensions` is truthful.
   */
  matryoshka?: { min: number; max: number } | readonly number[];
  /** Texts per `AI.run` call. */
  maxBatch: number;
  /** `pooling` input the model takes; `cls` is Cloudflare's recommendation for the bge v1.5 family. */
  pooling?: "cls";
}

export interface ImageModelInfo extends SurfaceBase {
  kind: "image";
  /** The format the model produces, when documented (JPEG for flux-1-schnell, PNG for the SD family). */
  format?: "png" | "jpeg";
  /** `fixed`: always this size; `range`: width and height inputs within bounds; `free`: width/height passed through unchecked. */
  size: { type: "fixed"; width: number; height: number } | { type: "range"; min: number; max: number } | { type: "free" };
  /** How OpenAI's `quality` maps to diffusion steps; absent: the model has no step setting. */
  steps?: { param: "steps" | "num_steps"; low: number; high: number };
  /** Longest prompt the model accepts, in characters. */
  maxPrompt: number;
}

export interface TranscriptionModelInfo extends SurfaceBase {
  kind: "transcription";
  /** `bytes`: `{audio: number[]}` (8-bit values); `base64`: `{audio: "<base64>"}` with task/language/prompt inputs. */
  audioInput: "bytes" | "base64";
  /** Takes `task: "translate"` (to English). */
  translate: boolean;
  /** `any`: takes a `language` input; `en`: English-only model; `none`: no language input (detects). */
  language: "any" | "en" | "none";
  /** Takes `initial_prompt`. */
  prompt: boolean;
  /**
   * Largest upload this model can take, when below MAX_AUDIO_BYTES: `bytes` models get the audio
   * as a JSON array of numbers (about 4 characters and 8 bytes of memory per audio byte), so a
   * 25 MB file would not fit in a Worker's 128 MB.
   */
  maxAudioBytes?: number;
}

export type SpeechFormat = "mp3" | "opus" | "aac" | "flac" | "wav" | "pcm";

/** OpenAI's built-in voices. */
export const OPENAI_VOICES = [
  "alloy",
  "ash",
  "ballad",
  "coral",
  "echo",
  "fable",
  "onyx",
  "nova",
  "sage",
  "shimmer",
  "verse",
  "marin",
  "cedar",
] as const;
export type OpenAIVoice = (typeof OPENAI_VOICES)[number];

export interface SpeechModelInfo extends SurfaceBase {
  kind: "speech";
  /** `aura`: `{text, speaker, encoding, container}` → audio bytes; `melotts`: `{prompt, lang}` → `{audio: base64 MP3}`. */
  api: "aura" | "melotts";
  formats: readonly SpeechFormat[];
  /** OpenAI voice → the model's speaker (absent: the model has one voice per language). */
  voices?: Readonly<Record<OpenAIVoice, string>>;
  /** The model's own speaker names, also accepted as `voice`. */
  speakers?: readonly string[];
}

export interface ModerationModelInfo extends SurfaceBase {
  kind: "moderation";
}

export type SurfaceModelInfo = EmbeddingModelInfo | ImageModelInfo | TranscriptionModelInfo | SpeechModelInfo | ModerationModelInfo;

const AURA_1_SPEAKERS = [
  "angus",
  "asteria",
  "arcas",
  "orion",
  "orpheus",
  "athena",
  "luna",
  "zeus",
  "perseus",
  "helios",
  "hera",
  "stella",
] as const;
// biome-ignore format: a compact data table
const AURA_2_EN_SPEAKERS = [
  "amalthea", "andromeda", "apollo", "arcas", "aries", "asteria", "athena", "atlas", "aurora", "callista", "cora", "cordelia",
  "delia", "draco", "electra", "harmonia", "helena", "hera", "hermes", "hyperion", "iris", "janus", "juno", "jupiter", "luna",
  "mars", "minerva", "neptune", "odysseus", "ophelia", "orion", "orpheus", "pandora", "phoebe", "pluto", "saturn", "thalia",
  "theia", "vesta", "zeus",
] as const;
const AURA_2_ES_SPEAKERS = ["sirio", "nestor", "carina", "celeste", "alvaro", "diana", "aquila", "selena", "estrella", "javier"] as const;
const AURA_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"] as const satisfies readonly SpeechFormat[];

const CATALOG = [
  // Embeddings
  {
    id: "@cf/baai/bge-small-en-v1.5",
    kind: "embedding",
    dimensions: 384,
    maxBatch: 100,
    pooling: "cls",
    description: "BAAI bge-small-en-v1.5: English, 384 dimensions, 512-token inputs.",
  },
  {
    id: "@cf/baai/bge-base-en-v1.5",
    kind: "embedding",
    dimensions: 768,
    maxBatch: 100,
    pooling: "cls",
    description: "BAAI bge-base-en-v1.5: English, 768 dimensions, 512-token inputs.",
  },
  {
    id: "@cf/baai/bge-large-en-v1.5",
    kind: "embedding",
    dimensions: 1024,
    maxBatch: 100,
    pooling: "cls",
    description: "BAAI bge-large-en-v1.5: English, 1024 dimensions, 512-token inputs.",
  },
  {
    id: "@cf/baai/bge-m3",
    kind: "embedding",
    dimensions: 1024,
    maxBatch: 100,
    description: "BAAI bge-m3: multilingual, 1024 dimensions.",
  },
  {
    id: "@cf/google/embeddinggemma-300m",
    kind: "embedding",
    dimensions: 768,
    matryoshka: [512, 256, 128],
    maxBatch: 100,
    description: "Google EmbeddingGemma 300M: multilingual, 768 dimensions (Matryoshka: 512, 256, 128).",
  },
  {
    id: "@cf/qwen/qwen3-embedding-0.6b",
    kind: "embedding",
    dimensions: 1024,
    matryoshka: { min: 32, max: 1024 },
    maxBatch: 100,
    description: "Qwen3-Embedding 0.6B: multilingual, 1024 dimensions (Matryoshka: any of 32–1024), 8,192-token inputs.",
  },
  {
    id: "@cf/pfnet/plamo-embedding-1b",
    kind: "embedding",
    dimensions: 2048,
    maxBatch: 100,
    description: "PLaMo-Embedding-1B: Japanese, 2048 dimensions.",
  },
  // Images
  {
    id: "@cf/black-forest-labs/flux-1-schnell",
    kind: "image",
    format: "jpeg",
    size: { type: "fixed", width: 1024, height: 1024 },
    steps: { param: "steps", low: 2, high: 8 },
    maxPrompt: 2048,
    description: "FLUX.1 [schnell]: 1024x1024 images as base64 JPEG, 1–8 steps.",
  },
  {
    id: "@cf/stabilityai/stable-diffusion-xl-base-1.0",
    kind: "image",
    format: "png",
    size: { type: "range", min: 256, max: 2048 },
    steps: { param: "num_steps", low: 10, high: 20 },
    maxPrompt: 2048,
    description: "Stable Diffusion XL base 1.0: PNG bytes, width and height 256–2048.",
  },
  {
    id: "@cf/bytedance/stable-diffusion-xl-lightning",
    kind: "image",
    format: "png",
    size: { type: "range", min: 256, max: 2048 },
    steps: { param: "num_steps", low: 4, high: 20 },
    maxPrompt: 2048,
    description: "SDXL-Lightning: fast SDXL, PNG bytes, width and height 256–2048.",
  },
  {
    id: "@cf/lykon/dreamshaper-8-lcm",
    kind: "image",
    format: "png",
    size: { type: "range", min: 256, max: 2048 },
    steps: { param: "num_steps", low: 4, high: 20 },
    maxPrompt: 2048,
    description: "DreamShaper 8 LCM: photorealistic Stable Diffusion fine-tune, PNG bytes.",
  },
  {
    id: "@cf/leonardo/lucid-origin",
    kind: "image",
    size: { type: "free" },
    maxPrompt: 2048,
    description: "Leonardo Lucid Origin: prompt-adherent images as base64.",
  },
  {
    id: "@cf/leonardo/phoenix-1.0",
    kind: "image",
    format: "jpeg",
    size: { type: "free" },
    maxPrompt: 2048,
    description: "Leonardo Phoenix 1.0: JPEG bytes, strong text rendering.",
  },
  // Speech to text
  {
    id: "@cf/openai/whisper-large-v3-turbo",
    kind: "transcription",
    audioInput: "base64",
    translate: true,
    language: "any",
    prompt: true,
    description: "Whisper large-v3-turbo: multilingual transcription and translation to English, with segments.",
  },
  {
    id: "@cf/openai/whisper",
    kind: "transcription",
    audioInput: "bytes",
    translate: false,
    language: "none",
    prompt: false,
    maxAudioBytes: 4 * 1024 * 1024,
    description: "Whisper: multilingual transcription (language detected), word timestamps.",
  },
  {
    id: "@cf/openai/whisper-tiny-en",
    kind: "transcription",
    audioInput: "bytes",
    translate: false,
    language: "en",
    prompt: false,
    maxAudioBytes: 4 * 1024 * 1024,
    description: "Whisper tiny.en: English-only transcription, word timestamps.",
  },
  // Text to speech
  {
    id: "@cf/deepgram/aura-1",
    kind: "speech",
    api: "aura",
    formats: AURA_FORMATS,
    voices: {
      alloy: "asteria",
      ash: "arcas",
      ballad: "perseus",
      coral: "luna",
      echo: "orion",
      fable: "helios",
      onyx: "zeus",
      nova: "stella",
      sage: "athena",
      shimmer: "hera",
      verse: "orpheus",
      marin: "luna",
      cedar: "angus",
    },
    speakers: AURA_1_SPEAKERS,
    description: "Deepgram Aura-1: English text to speech, 12 speakers, mp3/opus/aac/flac/wav/pcm.",
  },
  {
    id: "@cf/deepgram/aura-2-en",
    kind: "speech",
    api: "aura",
    formats: AURA_FORMATS,
    voices: {
      alloy: "asteria",
      ash: "arcas",
      ballad: "apollo",
      coral: "luna",
      echo: "orion",
      fable: "draco",
      onyx: "zeus",
      nova: "aurora",
      sage: "athena",
      shimmer: "hera",
      verse: "orpheus",
      marin: "thalia",
      cedar: "atlas",
    },
    speakers: AURA_2_EN_SPEAKERS,
    description: "Deepgram Aura-2 (English): context-aware text to speech, 40 speakers.",
  },
  {
    id: "@cf/deepgram/aura-2-es",
    kind: "speech",
    api: "aura",
    formats: AURA_FORMATS,
    voices: {
      alloy: "celeste",
      ash: "nestor",
      ballad: "alvaro",
      coral: "carina",
      echo: "sirio",
      fable: "aquila",
      onyx: "javier",
      nova: "estrella",
      sage: "diana",
      shimmer: "selena",
      verse: "alvaro",
      marin: "carina",
      cedar: "nestor",
    },
    speakers: AURA_2_ES_SPEAKERS,
    description: "Deepgram Aura-2 (Spanish): context-aware text to speech, 10 speakers.",
  },
  {
    id: "@cf/myshell-ai/melotts",
    kind: "speech",
    api: "melotts",
    formats: ["mp3"],
    description: "MeloTTS: multilingual text to speech (one voice per language), MP3 only.",
  },
  // Moderation
  {
    id: "@cf/meta/llama-guard-3-8b",
    kind: "moderation",
    description: "Llama Guard 3 8B: classifies text against the 14 MLCommons hazard categories (S1–S14).",
  },
] as const satisfies readonly SurfaceModelInfo[];

/** Every catalogued non-chat model. */
export const SURFACE_MODELS: readonly SurfaceModelInfo[] = CATALOG;

type CatalogId = (typeof CATALOG)[number]["id"];

/**
 * OpenAI model names → the kind they belong to and the Workers AI model that answers them by
 * default. EMBEDDING_MODEL (etc.) replaces the default for every name of its kind; MODEL_ALIASES
 * overrides single names.
 */
export const SURFACE_ALIASES = {
  // text-embedding-3-* take `dimensions`: they map to Matryoshka models, so shortened vectors stay truthful.
  "text-embedding-3-small": { kind: "embedding", model: "@cf/google/embeddinggemma-300m" },
  "text-embedding-3-large": { kind: "embedding", model: "@cf/qwen/qwen3-embedding-0.6b" },
  "text-embedding-ada-002": { kind: "embedding", model: "@cf/baai/bge-base-en-v1.5" },
  "dall-e-2": { kind: "image", model: "@cf/black-forest-labs/flux-1-schnell" },
  "dall-e-3": { kind: "image", model: "@cf/black-forest-labs/flux-1-schnell" },
  "gpt-image-1": { kind: "image", model: "@cf/black-forest-labs/flux-1-schnell" },
  "gpt-image-1-mini": { kind: "image", model: "@cf/black-forest-labs/flux-1-schnell" },
  "gpt-image-1.5": { kind: "image", model: "@cf/black-forest-labs/flux-1-schnell" },
  "whisper-1": { kind: "transcription", model: "@cf/openai/whisper-large-v3-turbo" },
  "gpt-4o-transcribe": { kind: "transcription", model: "@cf/openai/whisper-large-v3-turbo" },
  "gpt-4o-mini-transcribe": { kind: "transcription", model: "@cf/openai/whisper-large-v3-turbo" },
  "tts-1": { kind: "speech", model: "@cf/deepgram/aura-1" },
  "tts-1-hd": { kind: "speech", model: "@cf/deepgram/aura-1" },
  "gpt-4o-mini-tts": { kind: "speech", model: "@cf/deepgram/aura-1" },
  "omni-moderation-latest": { kind: "moderation", model: "@cf/meta/llama-guard-3-8b" },
  "omni-moderation-2024-09-26": { kind: "moderation", model: "@cf/meta/llama-guard-3-8b" },
  "text-moderation-latest": { kind: "moderation", model: "@cf/meta/llama-guard-3-8b" },
  "text-moderation-stable": { kind: "moderation", model: "@cf/meta/llama-guard-3-8b" },
} as const satisfies Readonly<Record<string, { kind: SurfaceKind; model: CatalogId }>>;

export type SurfaceAlias = keyof typeof SURFACE_ALIASES;

/** Legacy `/v1/completions` model names; they run on DEFAULT_AI_MODEL unless MODEL_ALIASES says otherwise. */
export const LEGACY_COMPLETION_NAMES = ["gpt-3.5-turbo-instruct", "davinci-002", "babbage-002"] as const;

const BY_ID: ReadonlyMap<string, SurfaceModelInfo> = new Map(CATALOG.map((m) => [m.id, m]));

export function findSurfaceModel(id: string): SurfaceModelInfo | undefined {
  return BY_ID.get(id);
}

export function surfaceAlias(name: string): { kind: SurfaceKind; model: string } | undefined {
  return Object.hasOwn(SURFACE_ALIASES, name) ? SURFACE_ALIASES[name as SurfaceAlias] : undefined;
}
