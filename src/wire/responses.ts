/**
 * Wire types of the Responses and Conversations APIs, as in OpenAI's OpenAPI spec
 * (`Response`, the item schemas, `ResponseStreamEvent`, `ConversationResource`). Only the
 * members this Worker produces are modelled. Nullable-but-required fields are `T | null`,
 * never optional.
 */

export type Metadata = Record<string, string>;

export type ResponseStatus = "completed" | "failed" | "in_progress" | "cancelled" | "queued" | "incomplete";
export type ItemStatus = "in_progress" | "completed" | "incomplete";

export interface InputTextPart {
  type: "input_text";
  text: string;
}

export interface InputImagePart {
  type: "input_image";
  image_url: string | null;
  detail: "auto" | "low" | "high";
}

export interface OutputTextPart {
  type: "output_text";
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

/** The model's own thinking, as text (`ReasoningTextContent`). */
export interface ReasoningTextPart {
  type: "reasoning_text";
  text: string;
}

/** A reasoning summary (`SummaryTextContent`). */
export interface SummaryTextPart {
  type: "summary_text";
  text: string;
}

/**
 * The model's thinking before it answered (`ReasoningItem`). Workers AI models return their
 * reasoning as plain text, so it is `content`; there is no encrypted form.
 */
export interface ReasoningItem {
  type: "reasoning";
  id: string;
  /** Filled (with the whole reasoning, the only summary there is) when the request asked for `reasoning.summary`. */
  summary: SummaryTextPart[];
  content: ReasoningTextPart[];
  status: ItemStatus;
}

/** A message item: input roles carry input parts; assistant messages carry output text. */
export type MessageItem =
  | {
      type: "message";
      id: string;
      status: ItemStatus;
      role: "user" | "system" | "developer";
      content: (InputTextPart | InputImagePart)[];
    }
  | { type: "message"; id: string; status: ItemStatus; role: "assistant"; content: OutputTextPart[] };

export interface FunctionCallItem {
  type: "function_call";
  id: string;
  call_id: string;
  name: string;
  /** A JSON string, as on OpenAI's wire. */
  arguments: string;
  status: ItemStatus;
}

export interface FunctionCallOutputItem {
  type: "function_call_output";
  id: string;
  call_id: string;
  output: string;
  status: ItemStatus;
}

/** A compacted context: opaque, authenticated and encrypted (see responses/compaction.ts). */
export interface CompactionItem {
  type: "compaction";
  id: string;
  encrypted_content: string;
}

/** Every item this Worker stores, lists and returns. */
export type ResponseItem = MessageItem | ReasoningItem | FunctionCallItem | FunctionCallOutputItem | CompactionItem;

/** An input item that stands for an item of a stored response (see responses/item-references.ts). */
export interface ItemReference {
  type: "item_reference";
  id: string;
}

/** What a turn's `input` may hold: items, and references to stored ones. */
export type InputItem = ResponseItem | ItemReference;

/** A function tool as echoed in `Response.tools` (`strict` and `description` filled in). */
export interface FunctionToolEcho {
  type: "function";
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean;
}

/** Hosted tools are echoed exactly as the client sent them. */
export type ToolEcho = FunctionToolEcho | ({ type: string } & Record<string, unknown>);

export type ToolChoiceEcho =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; name: string }
  | { type: "allowed_tools"; mode: "auto" | "required"; tools: Record<string, unknown>[] };

export type TextFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict: boolean | null; description?: string };

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponseErrorBody {
  code: "server_error" | "rate_limit_exceeded" | "invalid_prompt";
  message: string;
}

export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status: ResponseStatus;
  background: boolean;
  completed_at: number | null;
  conversation: { id: string } | null;
  error: ResponseErrorBody | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  max_tool_calls: number | null;
  model: string;
  output: ResponseItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  prompt_cache_key: string | null;
  reasoning: { effort: string | null; summary: string | null };
  safety_identifier: string | null;
  service_tier: string;
  store: boolean;
  temperature: number;
  text: { format: TextFormat; verbosity: string };
  tool_choice: ToolChoiceEcho;
  tools: ToolEcho[];
  top_logprobs: number;
  top_p: number;
  truncation: "auto" | "disabled";
  /** Absent until the response finishes (the spec does not allow null). */
  usage?: ResponseUsage;
  user?: string;
  metadata: Metadata;
}

type Seq = { sequence_number: number };
type Located = { item_id: string; output_index: number };

/** Every event of a Responses stream, keyed on `type` (also the SSE `event:` name). */
export type ResponseStreamEvent = Seq &
  (
    | {
        type:
          | "response.created"
          | "response.queued"
          | "response.in_progress"
          | "response.completed"
          | "response.incomplete"
          | "response.failed";
        response: ResponseObject;
      }
    | { type: "response.output_item.added" | "response.output_item.done"; output_index: number; item: ResponseItem }
    | (Located & {
        type: "response.content_part.added" | "response.content_part.done";
        content_index: number;
        part: OutputTextPart | ReasoningTextPart;
      })
    | (Located & { type: "response.reasoning_text.delta"; content_index: number; delta: string })
    | (Located & { type: "response.reasoning_text.done"; content_index: number; text: string })
    | (Located & {
        type: "response.reasoning_summary_part.added" | "response.reasoning_summary_part.done";
        summary_index: number;
        part: SummaryTextPart;
      })
    | (Located & { type: "response.reasoning_summary_text.delta"; summary_index: number; delta: string })
    | (Located & { type: "response.reasoning_summary_text.done"; summary_index: number; text: string })
    | (Located & { type: "response.output_text.delta"; content_index: number; delta: string; logprobs: unknown[] })
    | (Located & { type: "response.output_text.done"; content_index: number; text: string; logprobs: unknown[] })
    | (Located & { type: "response.function_call_arguments.delta"; delta: string })
    | (Located & { type: "response.function_call_arguments.done"; name: string; arguments: string })
    | { type: "error"; code: string | null; message: string; param: string | null }
  );

/** A stream event before the renderer numbers it. */
export type UnnumberedEvent = ResponseStreamEvent extends infer E ? (E extends Seq ? Omit<E, "sequence_number"> : never) : never;

export interface ConversationObject {
  id: string;
  object: "conversation";
  created_at: number;
  metadata: Metadata;
}
