/**
 * Canonical ChatEvents → the Response object and its `response.*` stream events, in the
 * order OpenAI sends them: created / in_progress, then per output item `output_item.added`,
 * its content part or argument events, `output_item.done` (the model's thinking is a
 * `reasoning` item with `reasoning_text` deltas, before the message it led to; when the
 * request asked for `reasoning.summary`, the same text also as its summary, since Workers AI
 * models return no separate summary and clients such as the AI SDK read only summaries), and a terminal
 * `response.completed` / `response.incomplete` / `response.failed` (the last followed by an
 * `error` event). Sequence numbers increase by one per event; `output_index`,
 * `content_index` and `item_id` locate every delta. Pure and synchronous: ids and the clock
 * are injected, so tests can assert exact bytes. A non-streaming response is the same
 * renderer with its events discarded.
 */
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../ai/types";
import type { OpenAIError } from "../http/errors";
import type { FunctionCallItem, MessageItem, ReasoningItem, ResponseObject, ResponseStreamEvent, UnnumberedEvent } from "../wire/responses";
import { type IdSource, outputPart } from "./parse-input";
import { responseUsage } from "./response-object";

type AssistantMessage = Extract<MessageItem, { role: "assistant" }>;

export interface Finished {
  response: ResponseObject;
  /** Events closing the open output items. */
  closing: ResponseStreamEvent[];
  /** The terminal event(s); send them after the response is stored. */
  terminal: ResponseStreamEvent[];
}

export class ResponseRenderer {
  private seq = 0;
  private readonly response: ResponseObject;
  private message: { item: AssistantMessage; index: number; text: string } | undefined;
  private thought: { item: ReasoningItem; index: number; text: string } | undefined;
  private usage: Usage | undefined;
  private reason: FinishReason | undefined;
  private error: OpenAIError | undefined;
  private calls = 0;
  private readonly summarize: boolean;

  constructor(
    base: ResponseObject,
    private readonly newId: IdSource,
    private readonly now: () => number,
  ) {
    this.response = structuredClone(base);
    this.response.status = "in_progress";
    this.summarize = base.reasoning.summary !== null;
  }

  /** `response.created` (and `response.queued` for a background response), then `response.in_progress`. */
  open(initial: ResponseObject): ResponseStreamEvent[] {
    const out = [this.event({ type: "response.created", response: initial })];
    if (initial.status === "queued") out.push(this.event({ type: "response.queued", response: initial }));
    out.push(this.event({ type: "response.in_progress", response: this.snapshot() }));
    return out;
  }

  push(event: ChatEvent): ResponseStreamEvent[] {
    if (this.error) return [];
    switch (event.type) {
      case "text":
        return event.text ? this.text(event.text) : [];
      case "reasoning":
        return event.text ? this.reasoning(event.text) : [];
      case "tool_call":
        return this.toolCall(event.call);
      case "usage":
        this.usage = event.usage;
        return [];
      case "finish":
        this.reason = event.reason;
        return [];
      case "error":
        this.error = event.error;
        return [];
      default:
        return event satisfies never;
    }
  }

  /** Records a failure that happened outside the event stream (e.g. the backend threw). */
  fail(error: OpenAIError): void {
    this.error ??= error;
  }

  finish(): Finished {
    const status = this.error || this.reason === "length" || this.reason === "content_filter" ? "incomplete" : "completed";
    const closing = [...this.closeThought(status), ...this.closeMessage(status)];
    const r = this.response;
    if (this.usage) r.usage = responseUsage(this.usage);
    let terminal: ResponseStreamEvent[];
    if (this.error) {
      r.status = "failed";
      r.error = { code: this.error.status === 429 ? "rate_limit_exceeded" : "server_error", message: this.error.message };
      terminal = [this.event({ type: "response.failed", response: this.snapshot() }), this.errorEvent(this.error)];
    } else if (this.reason === "length" || this.reason === "content_filter") {
      r.status = "incomplete";
      r.incomplete_details = { reason: this.reason === "length" ? "max_output_tokens" : "content_filter" };
      terminal = [this.event({ type: "response.incomplete", response: this.snapshot() })];
    } else {
      r.status = "completed";
      r.completed_at = this.now();
      terminal = [this.event({ type: "response.completed", response: this.snapshot() })];
    }
    return { response: this.snapshot(), closing, terminal };
  }

  /** An `error` event, numbered after everything emitted so far. */
  errorEvent(error: OpenAIError): ResponseStreamEvent {
    return this.event({ type: "error", code: error.code, message: error.message, param: error.param });
  }

  private reasoning(delta: string): ResponseStreamEvent[] {
    const out = this.closeMessage("completed");
    if (!this.thought) {
      const item: ReasoningItem = { type: "reasoning", id: this.newId("rs_"), summary: [], content: [], status: "in_progress" };
      const index = this.response.output.push(item) - 1;
      this.thought = { item, index, text: "" };
      out.push(
        this.event({ type: "response.output_item.added", output_index: index, item: structuredClone(item) }),
        this.event({
          type: "response.content_part.added",
          item_id: item.id,
          output_index: index,
          content_index: 0,
          part: { type: "reasoning_text", text: "" },
        }),
      );
      if (this.summarize) {
        const at = { item_id: item.id, output_index: index, summary_index: 0 };
        out.push(this.event({ type: "response.reasoning_summary_part.added", ...at, part: { type: "summary_text", text: "" } }));
      }
    }
    this.thought.text += delta;
    const located = { item_id: this.thought.item.id, output_index: this.thought.index };
    out.push(this.event({ type: "response.reasoning_text.delta", ...located, content_index: 0, delta }));
    if (this.summarize) out.push(this.event({ type: "response.reasoning_summary_text.delta", ...located, summary_index: 0, delta }));
    return out;
  }

  private closeThought(status: "completed" | "incomplete"): ResponseStreamEvent[] {
    const open = this.thought;
    if (!open) return [];
    this.thought = undefined;
    const part = { type: "reasoning_text" as const, text: open.text };
    open.item.content = [part];
    open.item.status = status;
    const at = { item_id: open.item.id, output_index: open.index, content_index: 0 };
    const out = [
      this.event({ type: "response.reasoning_text.done", ...at, text: open.text }),
      this.event({ type: "response.content_part.done", ...at, part: structuredClone(part) }),
    ];
    if (this.summarize) {
      const summary = { type: "summary_text" as const, text: open.text };
      open.item.summary = [summary];
      const located = { item_id: open.item.id, output_index: open.index, summary_index: 0 };
      out.push(
        this.event({ type: "response.reasoning_summary_text.done", ...located, text: open.text }),
        this.event({ type: "response.reasoning_summary_part.done", ...located, part: structuredClone(summary) }),
      );
    }
    out.push(this.event({ type: "response.output_item.done", output_index: open.index, item: structuredClone(open.item) }));
    return out;
  }

  private text(delta: string): ResponseStreamEvent[] {
    const out = this.closeThought("completed");
    if (!this.message) {
      const item: AssistantMessage = { type: "message", id: this.newId("msg_"), status: "in_progress", role: "assistant", content: [] };
      const index = this.response.output.push(item) - 1;
      this.message = { item, index, text: "" };
      const at = { item_id: item.id, output_index: index };
      out.push(
        this.event({ type: "response.output_item.added", output_index: index, item: structuredClone(item) }),
        this.event({ type: "response.content_part.added", ...at, content_index: 0, part: outputPart("") }),
      );
    }
    this.message.text += delta;
    out.push(
      this.event({
        type: "response.output_text.delta",
        item_id: this.message.item.id,
        output_index: this.message.index,
        content_index: 0,
        delta,
        logprobs: [],
      }),
    );
    return out;
  }

  private toolCall(call: ToolCall): ResponseStreamEvent[] {
    const max = this.response.max_tool_calls;
    if (max !== null && this.calls >= max) return [];
    this.calls++;
    const out = [...this.closeThought("completed"), ...this.closeMessage("completed")];
    const item: FunctionCallItem = {
      type: "function_call",
      id: this.newId("fc_"),
      call_id: call.id,
      name: call.name,
      arguments: "",
      status: "in_progress",
    };
    const index = this.response.output.push(item) - 1;
    const at = { item_id: item.id, output_index: index };
    out.push(this.event({ type: "response.output_item.added", output_index: index, item: structuredClone(item) }));
    item.arguments = call.arguments;
    item.status = "completed";
    out.push(
      this.event({ type: "response.function_call_arguments.delta", ...at, delta: call.arguments }),
      this.event({ type: "response.function_call_arguments.done", ...at, name: call.name, arguments: call.arguments }),
      this.event({ type: "response.output_item.done", output_index: index, item: structuredClone(item) }),
    );
    return out;
  }

  private closeMessage(status: "completed" | "incomplete"): ResponseStreamEvent[] {
    const open = this.message;
    if (!open) return [];
    this.message = undefined;
    const part = outputPart(open.text);
    open.item.content = [part];
    open.item.status = status;
    const at = { item_id: open.item.id, output_index: open.index, content_index: 0 };
    return [
      this.event({ type: "response.output_text.done", ...at, text: open.text, logprobs: [] }),
      this.event({ type: "response.content_part.done", ...at, part: structuredClone(part) }),
      this.event({ type: "response.output_item.done", output_index: open.index, item: structuredClone(open.item) }),
    ];
  }

  private snapshot(): ResponseObject {
    return structuredClone(this.response);
  }

  private event(body: UnnumberedEvent): ResponseStreamEvent {
    return { ...body, sequence_number: this.seq++ } as ResponseStreamEvent;
  }
}
