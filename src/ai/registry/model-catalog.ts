/**
 * The Workers AI text-generation catalog as data: which models are live, which output format
 * each returns, and what each can do. Only models whose capabilities Cloudflare documents are
 * listed; anything else still passes through to the binding uncatalogued (registry/resolve-model.ts).
 *
 * Sources (read Nov 2026; model pages are generated from the same JSON):
 * - Model properties (context_window, function_calling, vision, reasoning, require_workers_paid):
 *   https://developers.cloudflare.com/workers-ai/models/ (generated from
 *   https://github.com/cloudflare/cloudflare-docs/tree/production/src/content/workers-ai-models)
 * - Output shapes: the generated runtime types in worker-configuration.d.ts (workerd 1.20261023):
 *   `ChatCompletionsOutput` for glm/kimi/nemotron/gemma-4/deepseek-v4/qwen3.8, a
 *   `*_Chat_Completion_Response` for qwen3-30b and sea-lion, `XOR<ResponsesOutput,
 *   ChatCompletionsOutput>` for gpt-oss, `{response, tool_calls, usage}` for the rest.
 * - JSON mode: https://developers.cloudflare.com/workers-ai/features/json-mode/ plus the
 *   `response_format` input each model's schema declares (chat-completions models take
 *   OpenAI's `response_format`).
 * - Launches: https://developers.cloudflare.com/workers-ai/changelog/ and
 *   https://developers.cloudflare.com/changelog/ (GLM-4.7-Flash 2026-02-13, Nemotron 3 Super
 *   2026-03-11, Gemma 4 2026-04-04, Kimi K2.6 2026-04-20, Kimi K2.7 Code 2026-06-12,
 *   GLM-5.2 2026-06-16, DeepSeek V4 2026-08-14, Qwen 3.8 2026-08-17, GLM-5.3 Flash 2026-08-26,
 *   GLM-5.3 2026-08-28).
 * - Retirements: https://developers.cloudflare.com/changelog/post/2026-05-08-planned-model-deprecations/
 *   (18 models, deprecated 2026-05-30) and the Workers AI changelog entry of 2025-09-18
 *   (19 models, deprecated 2025-10-01).
 *
 * Deliberately left out: the `-lora` bases (fine-tune targets, "may be deprecated"),
 * llama-3.1-8b-instruct-fast and the llama-3.2 family (live, but no documented context window
 * or tool support), llama-guard-3-8b (a classifier) and the Clef decision models (they answer
 * typed questions, not chat).
 */

/**
 * How a model's non-streamed answer (and its SSE chunks) are shaped:
 * - `native`: `{response, tool_calls?, usage?}`; streams `data: {"response":"…","p":"…"}`.
 * - `chat`: an OpenAI `chat.completion` (`choices[].message`); streams `chat.completion.chunk`.
 * - `responses`: an OpenAI Responses object (`output[]` items), gpt-oss when called with `input`.
 *   Since 2026-02-17 gpt-oss also accepts `messages` and then answers in `chat` format, so a
 *   decoder should tell the formats apart by shape rather than trust this field alone.
 */
export type OutputFormat = "native" | "chat" | "responses";

export interface ModelInfo {
  id: string;
  outputFormat: OutputFormat;
  /** Documented function calling (`function_calling` property). */
  tools: boolean;
  /** Accepts `response_format` json_object / json_schema. */
  jsonMode: boolean;
  /** Accepts image input (`vision` property or a documented multimodal model). */
  vision: boolean;
  /**
   * Thinks before answering (`reasoning` property, or reasoning/thinking named on the model page
   * or in its launch changelog). Left false where neither says so.
   */
  reasoning: boolean;
  /** Prompt + completion tokens, as documented. */
  contextWindow: number;
  description: string;
}

// "Workers Paid" marks models that answer 403 / internal code 5035 on the Free plan
// (changelog 2026-07-28 and the `require_workers_paid` property).
const CATALOG = [
  // chat-completions format
  {
    id: "@cf/zai-org/glm-4.7-flash",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 131_072,
    description:
      "Z.ai GLM-4.7-Flash: fast multilingual model, multi-turn tool calling, reasoning. Recommended replacement for the 2026-05-30 retirements.",
  },
  {
    id: "@cf/google/gemma-4-26b-a4b-it",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: true,
    contextWindow: 256_000,
    description: "Google Gemma 4 26B A4B (MoE): vision, thinking mode, function calling. Recommended replacement.",
  },
  {
    id: "@cf/nvidia/nemotron-3-120b-a12b",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    // Launched with 32,000 (changelog 2026-03-11); the model JSON now documents 256,000.
    contextWindow: 256_000,
    description: "NVIDIA Nemotron 3 Super (hybrid MoE) for agentic workloads: tool calling, reasoning.",
  },
  {
    id: "@cf/qwen/qwen3-30b-a3b-fp8",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 32_768,
    description: "Qwen3 30B A3B (MoE): reasoning, tool calling.",
  },
  {
    id: "@cf/qwen/qwen3.8-27b",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: true,
    contextWindow: 262_144,
    description: "Qwen 3.8 27B vision-language model: reasoning, function calling.",
  },
  {
    id: "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
    outputFormat: "chat",
    tools: false,
    jsonMode: true,
    vision: false,
    reasoning: false,
    contextWindow: 128_000,
    description: "SEA-LION v4 27B: Southeast Asian languages.",
  },
  {
    id: "@cf/moonshotai/kimi-k2.6",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: true,
    contextWindow: 262_144,
    // Reasoning arrives in `reasoning`, not `reasoning_content` (changelog 2026-04-20).
    description: "Moonshot Kimi K2.6 (1T MoE): agentic coding, vision, tool calling. Workers Paid.",
  },
  {
    id: "@cf/moonshotai/kimi-k2.7-code",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: false,
    contextWindow: 262_144,
    description: "Moonshot Kimi K2.7 Code: coding-optimised Kimi K2, vision, tool calling. Workers Paid.",
  },
  {
    id: "@cf/zai-org/glm-5.2",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 262_144,
    description: "Z.ai GLM-5.2: agentic coding, reasoning, function calling. Workers Paid.",
  },
  {
    id: "@cf/zai-org/glm-5.3",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: false,
    contextWindow: 1_048_576,
    description: "Z.ai GLM-5.3: flagship agentic coding model, 1M context. Workers Paid.",
  },
  {
    id: "@cf/zai-org/glm-5.3-flash",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: true,
    contextWindow: 1_048_576,
    description: "Z.ai GLM-5.3 Flash (320B MoE): multimodal, reasoning, function calling. Workers Paid.",
  },
  {
    id: "@cf/deepseek-ai/deepseek-v4-flash-0731",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 1_048_576,
    description: "DeepSeek V4 Flash: reasoning, function calling, 1M context. Workers Paid.",
  },
  {
    id: "@cf/deepseek-ai/deepseek-v4-pro-0813",
    outputFormat: "chat",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 1_048_576,
    description: "DeepSeek V4 Pro: reasoning, function calling, 1M context. Workers Paid.",
  },
  // Responses format (OpenAI open-weight models; reasoning cannot be disabled)
  {
    id: "@cf/openai/gpt-oss-120b",
    outputFormat: "responses",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 128_000,
    description: "OpenAI gpt-oss-120b: general purpose, high reasoning.",
  },
  {
    id: "@cf/openai/gpt-oss-20b",
    outputFormat: "responses",
    // Tool calling documented for both gpt-oss models (changelog 2026-02-17); the model JSON
    // flags it on 120b.
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 128_000,
    description: "OpenAI gpt-oss-20b: lower latency reasoning.",
  },
  // native format
  {
    id: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    outputFormat: "native",
    tools: true,
    jsonMode: true,
    vision: false,
    reasoning: false,
    contextWindow: 24_000,
    description: "Meta Llama 3.3 70B, fp8, speed-optimised. Stays active after the 2026-05-30 retirements.",
  },
  {
    id: "@cf/meta/llama-4-scout-17b-16e-instruct",
    outputFormat: "native",
    tools: true,
    jsonMode: true,
    vision: true,
    reasoning: false,
    contextWindow: 131_000,
    // Its tool calls come as {id, type, function:{name, arguments}} with arguments an object.
    description: "Meta Llama 4 Scout 17B 16E (MoE): natively multimodal, function calling.",
  },
  {
    id: "@cf/mistralai/mistral-small-3.1-24b-instruct",
    outputFormat: "native",
    tools: true,
    // Its schema offers `guided_json` only, not `response_format`.
    jsonMode: false,
    vision: true,
    reasoning: false,
    contextWindow: 128_000,
    description: "Mistral Small 3.1 24B: vision understanding, function calling.",
  },
  {
    id: "@cf/qwen/qwen2.5-coder-32b-instruct",
    outputFormat: "native",
    tools: false,
    jsonMode: true,
    vision: false,
    reasoning: false,
    contextWindow: 32_768,
    description: "Qwen2.5-Coder 32B: code generation.",
  },
  {
    id: "@cf/qwen/qwq-32b",
    outputFormat: "native",
    tools: false,
    // `guided_json` only.
    jsonMode: false,
    vision: false,
    reasoning: true,
    contextWindow: 24_000,
    description: "Qwen QwQ 32B: reasoning model.",
  },
  {
    id: "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
    outputFormat: "native",
    tools: false,
    jsonMode: true,
    vision: false,
    reasoning: true,
    contextWindow: 80_000,
    description: "DeepSeek-R1 distilled into Qwen2.5 32B: reasoning.",
  },
  {
    id: "@cf/ibm-granite/granite-4.0-h-micro",
    outputFormat: "native",
    tools: false,
    jsonMode: false,
    vision: false,
    reasoning: false,
    contextWindow: 131_000,
    description: "IBM Granite 4.0 H Micro: small, instruction following, RAG.",
  },
] as const satisfies readonly ModelInfo[];

type CatalogId = (typeof CATALOG)[number]["id"];

/** Live Workers AI text-generation models (Nov 2026) with documented capabilities. */
export const TEXT_MODELS: readonly ModelInfo[] = CATALOG;

/**
 * Retired id → the documented replacement (always an id in TEXT_MODELS). Where Cloudflare named
 * only general recommendations, text/tool models map to glm-4.7-flash (fast, tool calling,
 * on the Free plan) and Gemma/vision models to gemma-4-26b-a4b-it; the 2025 batch maps to the
 * models that changelog named (Llama 4 Scout, gpt-oss). Kimi K2.5 is aliased by Cloudflare itself.
 * Not listed: retired non-chat models (uform-gen2, bart-large-cnn, llamaguard-7b-awq).
 */
const RETIRED = {
  // Deprecated 2026-05-30 (changelog 2026-05-08).
  "@cf/moonshotai/kimi-k2.5": "@cf/moonshotai/kimi-k2.6",
  "@hf/meta-llama/meta-llama-3-8b-instruct": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-3-8b-instruct": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-3-8b-instruct-awq": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-3.1-8b-instruct": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-3.1-8b-instruct-awq": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-3.1-70b-instruct": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-2-7b-chat-int8": "@cf/zai-org/glm-4.7-flash",
  "@cf/meta/llama-2-7b-chat-fp16": "@cf/zai-org/glm-4.7-flash",
  "@cf/mistral/mistral-7b-instruct-v0.1": "@cf/zai-org/glm-4.7-flash",
  "@hf/mistral/mistral-7b-instruct-v0.2": "@cf/zai-org/glm-4.7-flash",
  "@hf/google/gemma-7b-it": "@cf/google/gemma-4-26b-a4b-it",
  "@cf/google/gemma-3-12b-it": "@cf/google/gemma-4-26b-a4b-it",
  "@hf/nousresearch/hermes-2-pro-mistral-7b": "@cf/zai-org/glm-4.7-flash",
  "@cf/microsoft/phi-2": "@cf/zai-org/glm-4.7-flash",
  "@cf/defog/sqlcoder-7b-2": "@cf/zai-org/glm-4.7-flash",
  // Deprecated 2025-10-01 (Workers AI changelog 2025-09-18: "use newer models such as Llama 4 and gpt-oss").
  "@hf/thebloke/zephyr-7b-beta-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/thebloke/mistral-7b-instruct-v0.1-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/thebloke/llama-2-13b-chat-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/thebloke/openhermes-2.5-mistral-7b-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/thebloke/neural-chat-7b-v3-1-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/thebloke/deepseek-coder-6.7b-base-awq": "@cf/openai/gpt-oss-120b",
  "@hf/thebloke/deepseek-coder-6.7b-instruct-awq": "@cf/openai/gpt-oss-120b",
  "@cf/deepseek-ai/deepseek-math-7b-instruct": "@cf/openai/gpt-oss-120b",
  "@cf/openchat/openchat-3.5-0106": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/tiiuae/falcon-7b-instruct": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/thebloke/discolm-german-7b-v1-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/qwen/qwen1.5-0.5b-chat": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/qwen/qwen1.5-7b-chat-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/qwen/qwen1.5-14b-chat-awq": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/tinyllama/tinyllama-1.1b-chat-v1.0": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/qwen/qwen1.5-1.8b-chat": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@hf/nexusflow/starling-lm-7b-beta": "@cf/meta/llama-4-scout-17b-16e-instruct",
  "@cf/fblgit/una-cybertron-7b-v2-bf16": "@cf/meta/llama-4-scout-17b-16e-instruct",
} as const satisfies Readonly<Record<string, CatalogId>>;

export const RETIRED_MODELS: Readonly<Record<string, string>> = RETIRED;
