/**
 * The one bookkeeping of a generation's events: text so far, reasoning so far (kept apart,
 * never part of the answer), tool calls, usage, finish reason, and the error that ended it. Incremental, so the Assistants engine can stream
 * deltas while it collects, and `summarize` (non-streaming chat, legacy completions, the
 * response cache) reads the same state once the stream is done.
 */
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../ai/types";
import type { OpenAIError } from "../http/errors";

/** Collects a generation event by event. */
export class Accumulator {
  text = "";
  /** The model's thinking; never answer text. */
  reasoning = "";
  readonly toolCalls: ToolCall[] = [];
  /** The usage the backend reported, if it did. */
  usage: Usage | undefined;
  /** The finish reason the backend reported, if it did. */
  finishReason: FinishReason | undefined;
  /** The failure that ended the generation, if one did. */
  error: OpenAIError | undefined;

  /** Records one event. */
  add(event: ChatEvent): void {
    switch (event.type) {
      case "text":
        this.text += event.text;
        break;
      case "reasoning":
        this.reasoning += event.text;
        break;
      case "tool_call":
        this.toolCalls.push(event.call);
        break;
      case "usage":
        this.usage = event.usage;
        break;
      case "finish":
        this.finishReason = event.reason;
        break;
      case "error":
        this.error = event.error;
        break;
      default:
        event satisfies never;
    }
  }
}
