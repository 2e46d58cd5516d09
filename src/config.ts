/**
 * Typed configuration, read once per isolate from the Worker's vars and secrets.
 * Everything tunable lives here so handlers never read `env` strings themselves.
 */
import { type RoutingSource, type RoutingTable, parseRoutingTable } from "./ai/registry/routing-table";
import { type CacheMode, parseCacheMode, parseTtl } from "./cache/cache-policy";
import { type CacheScope, parseCacheScope } from "./cache/cache-scope";

export interface Config {
  /** The model behind fast OpenAI chat names (gpt-4o, gpt-4.1, …) and the legacy completion names. */
  defaultModel: string;
  /** The model behind reasoning OpenAI chat names (o-series, gpt-5 and later): REASONING_MODEL, else defaultModel. */
  reasoningModel: string;
  /** Where a request with images goes when its model has no vision (src/ai/registry/route-capabilities.ts). */
  visionModel: string;
  /** MODEL_ALIASES: client-facing name → backend model id; wins over every built-in name. */
  aliases: Readonly<Record<string, string>>;
  /** Accepted bearer keys; empty means none configured. */
  apiKeys: readonly string[];
  allowAnonymous: boolean;
  /** max_tokens sent when the client sets none (Workers AI's own default of 256 cuts replies short). */
  defaultMaxTokens: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** What the response cache stores: nothing, deterministic requests (default), or all. */
  cacheMode: CacheMode;
  /** CACHE_SCOPE: whether projects share response-cache entries (`shared`) or not (`project`, default). */
  cacheScope: CacheScope;
  /** Default and ceiling TTL of a response-cache entry, in seconds (≥ 60, KV's minimum). */
  cacheTtlSeconds: number;
  /** Minimum gap between two writes to one KV key (KV allows one a second); 0 only in tests. */
  kvWriteSpacingMs: number;
  /**
   * Workers AI models behind OpenAI's non-chat names, per kind (EMBEDDING_MODEL, IMAGE_MODEL,
   * TRANSCRIPTION_MODEL, SPEECH_MODEL, MODERATION_MODEL); unset kinds use src/ai/registry/surface-catalog.ts.
   */
  surfaceModels: Readonly<Partial<Record<"embedding" | "image" | "transcription" | "speech" | "moderation", string>>>;
  /** Largest uploaded audio file accepted, in bytes (OpenAI's limit: 25 MB). */
  maxAudioBytes: number;
  /** Seconds a generated image stays fetchable at its `url` (KV expirationTtl; at least 60). */
  imageTtlSeconds: number;
  /**
   * The secret Responses compaction items are sealed with: COMPACTION_SECRET, else the API
   * keys (rotating them invalidates earlier compactions), else a fixed string (no secrecy).
   */
  compactionSecret: string;
  /** Model routes to OpenAI-compatible upstreams (UPSTREAMS, ROUTES, PASSTHROUGH_UPSTREAM); read it through `routingTable`. */
  routing: RoutingTable;
  /** AI_GATEWAY_ID: the AI Gateway the Workers AI binding's calls go through; undefined for none. */
  aiGatewayId: string | undefined;
}

/** The vars and secrets this Worker reads, beyond the generated Env (secrets are not in wrangler.toml). */
export interface ConfigSource extends RoutingSource {
  DEFAULT_AI_MODEL?: string;
  REASONING_MODEL?: string;
  VISION_MODEL?: string;
  MODEL_ALIASES?: string;
  API_KEYS?: string;
  ALLOW_ANONYMOUS?: string;
  DEFAULT_MAX_TOKENS?: string;
  MAX_BODY_BYTES?: string;
  CACHE_MODE?: string;
  CACHE_SCOPE?: string;
  CACHE_TTL_SECONDS?: string;
  KV_WRITE_SPACING_MS?: string;
  EMBEDDING_MODEL?: string;
  IMAGE_MODEL?: string;
  TRANSCRIPTION_MODEL?: string;
  SPEECH_MODEL?: string;
  MODERATION_MODEL?: string;
  MAX_AUDIO_BYTES?: string;
  IMAGE_TTL_SECONDS?: string;
  COMPACTION_SECRET?: string;
  AI_GATEWAY_ID?: string;
  /** The admin console's password (a secret); no admin API or console without it. */
  ADMIN_PASSWORD?: string;
}

const FALLBACK_MODEL = "@cf/zai-org/glm-4.7-flash";
/** A Free-plan model with vision and a recorded chat format (test/fixtures/workers-ai). */
const FALLBACK_VISION_MODEL = "@cf/google/gemma-4-26b-a4b-it";

// The env object is the same for every request an isolate serves, so parse it once.
const parsed = new WeakMap<object, Config>();

/** The Config of an env, parsed on first use and reused for later requests. */
export function configFor(env: ConfigSource): Config {
  let config = parsed.get(env);
  if (!config) {
    config = readConfig(env);
    parsed.set(env, config);
  }
  return config;
}

export function readConfig(env: ConfigSource): Config {
  const defaultModel = env.DEFAULT_AI_MODEL?.trim() || FALLBACK_MODEL;
  const apiKeys = (env.API_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  return {
    defaultModel,
    reasoningModel: env.REASONING_MODEL?.trim() || defaultModel,
    visionModel: env.VISION_MODEL?.trim() || FALLBACK_VISION_MODEL,
    aliases: parseAliases(env.MODEL_ALIASES),
    apiKeys,
    allowAnonymous: env.ALLOW_ANONYMOUS === "true",
    defaultMaxTokens: positiveInt(env.DEFAULT_MAX_TOKENS, 2048),
    maxBodyBytes: positiveInt(env.MAX_BODY_BYTES, 8 * 1024 * 1024),
    cacheMode: parseCacheMode(env.CACHE_MODE),
    cacheScope: parseCacheScope(env.CACHE_SCOPE),
    cacheTtlSeconds: parseTtl(env.CACHE_TTL_SECONDS),
    kvWriteSpacingMs: env.KV_WRITE_SPACING_MS === "0" ? 0 : positiveInt(env.KV_WRITE_SPACING_MS, 1000),
    surfaceModels: surfaceModels(env),
    maxAudioBytes: positiveInt(env.MAX_AUDIO_BYTES, 25 * 1024 * 1024),
    imageTtlSeconds: Math.max(60, positiveInt(env.IMAGE_TTL_SECONDS, 3600)),
    compactionSecret: env.COMPACTION_SECRET?.trim() || apiKeys.join(",") || "ai-forwarder",
    routing: parseRoutingTable(env),
    aiGatewayId: env.AI_GATEWAY_ID?.trim() || undefined,
  };
}

/**
 * MODEL_ALIASES is either JSON (`{"gpt-4o":"@cf/..."}`) or `name=model,name=model`.
 * A malformed value is ignored with a warning rather than taking the Worker down.
 */
export function parseAliases(raw: string | undefined): Record<string, string> {
  const text = raw?.trim();
  if (!text) return {};
  if (text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      const out: Record<string, string> = {};
      if (parsed && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === "string" && v) out[k] = v;
      }
      return out;
    } catch {
      console.warn("MODEL_ALIASES is not valid JSON; ignoring it");
      return {};
    }
  }
  const out: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const [name, model] = pair.split("=").map((s) => s.trim());
    if (name && model) out[name] = model;
  }
  return out;
}

function surfaceModels(env: ConfigSource): Config["surfaceModels"] {
  const out: Record<string, string> = {};
  const pairs = [
    ["embedding", env.EMBEDDING_MODEL],
    ["image", env.IMAGE_MODEL],
    ["transcription", env.TRANSCRIPTION_MODEL],
    ["speech", env.SPEECH_MODEL],
    ["moderation", env.MODERATION_MODEL],
  ] as const;
  for (const [kind, raw] of pairs) if (raw?.trim()) out[kind] = raw.trim();
  return out;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
