/**
 * Wire types of the Assistants API v2, as in OpenAI's OpenAPI spec (AssistantObject,
 * ThreadObject, MessageObject, RunObject, RunStepObject, deltas and stream events), plus the
 * pure status predicate every layer needs (`isLive`). Nullable-but-required fields are
 * `T | null`, never optional. Neutral ground: the HTTP handlers, the run engine and the store
 * all import from here, never from each other.
 */
import type { ReasoningEffort } from "../ai/types";

export type Metadata = Record<string, string>;

export interface FunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

/** `file_search`, echoed as given (its settings apply to the search each turn makes). */
export interface FileSearchTool {
  type: "file_search";
  file_search?: { max_num_results?: number; ranking_options?: { ranker?: string; score_threshold: number } };
}

/** `code_interpreter`: accepted and echoed, never offered to the model (there is no sandbox). */
export interface CodeInterpreterTool {
  type: "code_interpreter";
}

export type AssistantTool = FunctionTool | FileSearchTool | CodeInterpreterTool;

/** The files the tools use, on assistants and threads. */
export interface ToolResources {
  code_interpreter?: { file_ids: string[] };
  file_search?: { vector_store_ids: string[] };
}

/** "auto" or OpenAI's object forms. */
export type AssistantResponseFormat =
  | "auto"
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema?: Record<string, unknown>; description?: string; strict?: boolean | null } };

export interface AssistantObject {
  id: string;
  object: "assistant";
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  tools: AssistantTool[];
  tool_resources: ToolResources | null;
  metadata: Metadata;
  temperature: number | null;
  top_p: number | null;
  response_format: AssistantResponseFormat;
}

export interface ThreadObject {
  id: string;
  object: "thread";
  created_at: number;
  tool_resources: ToolResources | null;
  metadata: Metadata;
}

/** A reply's citation of a file_search result: `text` is the marker in the message at [start_index, end_index). */
export interface FileCitationAnnotation {
  type: "file_citation";
  text: string;
  file_citation: { file_id: string };
  start_index: number;
  end_index: number;
}

export interface TextContent {
  type: "text";
  text: { value: string; annotations: FileCitationAnnotation[] };
}

/** An image a message shows by file id (imported messages; this Worker's own messages are text). */
export interface ImageFileContent {
  type: "image_file";
  image_file: { file_id: string; detail?: "auto" | "low" | "high" };
}

/** An image a message shows by URL (imported messages). */
export interface ImageUrlContent {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

/** A model's refusal (imported messages). */
export interface RefusalContent {
  type: "refusal";
  refusal: string;
}

/** A content part: text, or (in messages imported from OpenAI) an image or a refusal. */
export type MessageContent = TextContent | ImageFileContent | ImageUrlContent | RefusalContent;

export type MessageStatus = "in_progress" | "incomplete" | "completed";

export interface MessageObject {
  id: string;
  object: "thread.message";
  created_at: number;
  thread_id: string;
  status: MessageStatus;
  incomplete_details: { reason: "content_filter" | "max_tokens" | "run_cancelled" | "run_expired" | "run_failed" } | null;
  completed_at: number | null;
  incomplete_at: number | null;
  role: "user" | "assistant";
  content: MessageContent[];
  assistant_id: string | null;
  run_id: string | null;
  attachments: { file_id?: string; tools?: unknown[] }[] | null;
  metadata: Metadata;
}

export type RunStatus =
  | "queued"
  | "in_progress"
  | "requires_action"
  | "cancelling"
  | "cancelled"
  | "failed"
  | "completed"
  | "incomplete"
  | "expired";

const LIVE_STATUSES: ReadonlySet<RunStatus> = new Set(["queued", "in_progress", "requires_action", "cancelling"]);

/** Whether a run still holds its thread: queued, generating, awaiting tool outputs or being cancelled. */
export function isLive(run: Pick<RunObject, "status">): boolean {
  return LIVE_STATUSES.has(run.status);
}

export interface RunToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface RunUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type RunToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } } | { type: "file_search" };

export interface RunObject {
  id: string;
  object: "thread.run";
  created_at: number;
  thread_id: string;
  assistant_id: string;
  status: RunStatus;
  required_action: { type: "submit_tool_outputs"; submit_tool_outputs: { tool_calls: RunToolCall[] } } | null;
  last_error: { code: "server_error" | "rate_limit_exceeded" | "invalid_prompt"; message: string } | null;
  expires_at: number | null;
  started_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  incomplete_details: { reason: "max_completion_tokens" | "max_prompt_tokens" } | null;
  model: string;
  instructions: string;
  tools: AssistantTool[];
  metadata: Metadata;
  usage: RunUsage | null;
  temperature: number | null;
  top_p: number | null;
  max_prompt_tokens: number | null;
  max_completion_tokens: number | null;
  truncation_strategy: { type: "auto" | "last_messages"; last_messages: number | null };
  tool_choice: RunToolChoice;
  parallel_tool_calls: boolean;
  response_format: AssistantResponseFormat;
}

export interface StepFunctionCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string; output: string | null };
}

/** A chunk a file_search call found; `content` is stored always and shown only when `include`d. */
export interface FileSearchResult {
  file_id: string;
  file_name: string;
  score: number;
  content?: { type: "text"; text: string }[];
}

export interface StepFileSearchCall {
  id: string;
  type: "file_search";
  file_search: { ranking_options: { ranker: "auto" | "default_2024_08_21"; score_threshold: number }; results: FileSearchResult[] };
}

export type StepToolCall = StepFunctionCall | StepFileSearchCall;

export type StepDetails =
  | { type: "message_creation"; message_creation: { message_id: string } }
  | { type: "tool_calls"; tool_calls: StepToolCall[] };

export type StepStatus = "in_progress" | "cancelled" | "failed" | "completed" | "expired";

export interface RunStepObject {
  id: string;
  object: "thread.run.step";
  created_at: number;
  assistant_id: string;
  thread_id: string;
  run_id: string;
  type: "message_creation" | "tool_calls";
  status: StepStatus;
  step_details: StepDetails;
  last_error: { code: "server_error" | "rate_limit_exceeded"; message: string } | null;
  expired_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  metadata: Metadata | null;
  usage: RunUsage | null;
}

export interface MessageDeltaObject {
  id: string;
  object: "thread.message.delta";
  delta: {
    content: { index: number; type: "text"; text: { value: string; annotations: (FileCitationAnnotation & { index: number })[] } }[];
  };
}

export interface RunStepDeltaObject {
  id: string;
  object: "thread.run.step.delta";
  delta: {
    step_details: {
      type: "tool_calls";
      tool_calls: (
        | (StepFunctionCall & { index: number })
        | { index: number; id: string; type: "file_search"; file_search: Record<string, never> }
      )[];
    };
  };
}

/** Every event of an Assistants stream, keyed on `event` as on the wire. */
export type AssistantStreamEvent =
  | { event: "thread.created"; data: ThreadObject }
  | {
      event:
        | "thread.run.created"
        | "thread.run.queued"
        | "thread.run.in_progress"
        | "thread.run.requires_action"
        | "thread.run.completed"
        | "thread.run.incomplete"
        | "thread.run.failed"
        | "thread.run.cancelling"
        | "thread.run.cancelled"
        | "thread.run.expired";
      data: RunObject;
    }
  | {
      event:
        | "thread.run.step.created"
        | "thread.run.step.in_progress"
        | "thread.run.step.completed"
        | "thread.run.step.failed"
        | "thread.run.step.cancelled"
        | "thread.run.step.expired";
      data: RunStepObject;
    }
  | { event: "thread.run.step.delta"; data: RunStepDeltaObject }
  | {
      event: "thread.message.created" | "thread.message.in_progress" | "thread.message.completed" | "thread.message.incomplete";
      data: MessageObject;
    }
  | { event: "thread.message.delta"; data: MessageDeltaObject }
  | { event: "error"; data: { error: { message: string; type: string; param: string | null; code: string | null } } }
  | { event: "done"; data: "[DONE]" };

/** A run and its steps, stored together under one key (a run has few steps). */
export interface RunRecord {
  run: RunObject;
  steps: RunStepObject[];
  /** The vector stores each turn searches (file_search): the assistant's and the thread's, fixed when the run starts. */
  vectorStoreIds?: string[];
  /** The run's `reasoning_effort` (not a field of OpenAI's run object, so kept beside it). */
  reasoningEffort?: ReasoningEffort;
  /**
   * Increases with every stored state. The same run can be stored in two places (its own key
   * and the thread's active-run marker); the higher revision is the current state.
   */
  revision?: number;
}
