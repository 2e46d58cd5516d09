/**
 * The canonical model-facing types. Front ends (chat completions, Assistants runs) turn
 * OpenAI requests into a ChatRequest; backends turn a ChatRequest into a stream of
 * ChatEvents; renderers turn ChatEvents into OpenAI objects and SSE. Neither side knows
 * the other.
 */

/** A function the model may call, as OpenAI describes it. */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

/** A function call made by the model; `arguments` is a JSON string, as on OpenAI's wire. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string; detail?: string } };

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | ContentPart[] }
  | { role: "assistant"; content: string | null; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

export type ToolChoice = "none" | "auto" | "required" | { name: string };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict?: boolean };

/** A generation request in the one shape every backend accepts. */
export interface ChatRequest {
  /** The backend model id (e.g. a Workers AI `@cf/...` id), aliases already resolved. */
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** Stop sequences; enforced on the output by the pipeline, not trusted to the backend. */
  stop?: string[];
  responseFormat?: ResponseFormat;
  /**
   * How hard the model should think: the client's `reasoning_effort` / `reasoning.effort`, else
   * the default its OpenAI model name implies; undefined leaves the model's own default.
   * Each provider maps it to the model's knob (Workers AI: providers/workers-ai/reasoning-table.ts).
   */
  reasoningEffort?: ReasoningEffort;
}

/** OpenAI's reasoning effort values (chat `reasoning_effort`, Responses `reasoning.effort`). */
export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Of `completion_tokens`, how many the model spent thinking; set only when it reasoned. */
  reasoning_tokens?: number;
}

/**
 * What a backend emits while generating. Tool calls arrive whole. `reasoning` is the model's
 * thinking, never part of the answer text: renderers show it apart (chat `reasoning_content`,
 * Responses `reasoning` items) and the Assistants engine never stores it.
 */
export type ChatEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool_call"; call: ToolCall }
  | { type: "usage"; usage: Usage }
  | { type: "finish"; reason: FinishReason }
  | { type: "error"; error: import("../http/errors").OpenAIError };

/**
 * The contract of the Workers AI binding that this project relies on: `env.AI.run`.
 * The generated `Ai` is narrowed to it in one place (ai/backend.ts). The offline emulator
 * (src/dev/emulator) implements the same contract, so the real adapter runs against it.
 * Non-streaming calls resolve to the model's JSON output; `inputs.stream: true` resolves
 * to a ReadableStream of SSE bytes.
 */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
  /** Document → Markdown conversion (vector store indexing of PDFs and Office files); absent on test fakes that do not need it. */
  toMarkdown?(files: { name: string; blob: Blob }[]): Promise<MarkdownConversion[]>;
}

/** One result of `env.AI.toMarkdown`, as documented (developers.cloudflare.com/workers-ai/features/markdown-conversion/). */
export type MarkdownConversion =
  | { name: string; mimeType: string; format: "markdown" | "text"; tokens: number; data: string }
  | { name: string; mimeType: string; format: "error"; error: string };

/** A backend: turns a ChatRequest into events. Errors before the first event reject. */
export interface ChatBackend {
  generate(request: ChatRequest, options: { stream: boolean; signal?: AbortSignal }): Promise<ReadableStream<ChatEvent>>;
}
