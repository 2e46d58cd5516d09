/**
 * Events → legacy `text_completion` chunks, the SSE shape OpenAI streams for /v1/completions:
 * every chunk is a `text_completion` object with one choice (`index` = the prompt's index),
 * `finish_reason` null until that prompt's last chunk. Prompts stream one after another under
 * one id and `created`; the usage chunk (`choices: []`, when `stream_options.include_usage`)
 * and `[DONE]` come once at the end. A failure ends the stream with `event: error`.
 */
import type { ChatEvent, Usage } from "../../ai/types";
import type { SseMessage } from "../../http/sse";
import { clock, nowSeconds } from "../../util/clock";
import { NO_USAGE, type TextCompletion, addUsage, legacyFinishReason } from "./render-text-completion";

export interface TextChunkRenderer {
  /** The transform for prompt `index`; `echo` is sent first when given. */
  forPrompt(index: number, echo: string | undefined): TransformStream<ChatEvent, SseMessage>;
  /** The closing messages (usage chunk, `[DONE]`), or none after a failure. */
  end(): SseMessage[];
  readonly failed: boolean;
}

export function textChunkRenderer(model: string, includeUsage: boolean): TextChunkRenderer {
  const id = clock().id("cmpl-");
  const created = nowSeconds();
  let usage: Usage = NO_USAGE;
  let failed = false;

  const chunk = (index: number, text: string, finishReason: TextCompletion["choices"][0]["finish_reason"] = null): SseMessage => {
    const body: TextCompletion = {
      id,
      object: "text_completion",
      created,
      model,
      choices: [{ text, index, logprobs: null, finish_reason: finishReason }],
    };
    return { data: JSON.stringify(body) };
  };

  return {
    get failed() {
      return failed;
    },
    forPrompt(index, echo) {
      let finished = false;
      return new TransformStream({
        start(controller) {
          if (echo) controller.enqueue(chunk(index, echo));
        },
        transform(event, controller) {
          if (failed) return;
          switch (event.type) {
            case "text":
              if (!finished) controller.enqueue(chunk(index, event.text));
              break;
            case "tool_call":
            case "reasoning":
              // Legacy completions have no field for either: the text is the answer alone.
              break;
            case "usage":
              usage = addUsage(usage, event.usage);
              break;
            case "finish":
              if (!finished) controller.enqueue(chunk(index, "", legacyFinishReason(event.reason)));
              finished = true;
              break;
            case "error":
              failed = true;
              controller.enqueue({ event: "error", data: JSON.stringify(event.error.toJSON()) });
              break;
            default:
              event satisfies never;
          }
        },
      });
    },
    end() {
      if (failed) return [];
      const out: SseMessage[] = [];
      if (includeUsage) {
        const body: TextCompletion = { id, object: "text_completion", created, model, choices: [], usage };
        out.push({ data: JSON.stringify(body) });
      }
      out.push({ data: "[DONE]" });
      return out;
    },
  };
}

/** The streams made by `parts`, one after another, each created only when the previous one ends. */
export function concatStreams<T>(parts: readonly (() => Promise<ReadableStream<T>>)[]): ReadableStream<T> {
  let next = 0;
  let reader: ReadableStreamDefaultReader<T> | undefined;
  return new ReadableStream<T>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          const part = parts[next++];
          if (!part) {
            controller.close();
            return;
          }
          reader = (await part()).getReader();
        }
        const { done, value } = await reader.read();
        if (!done) {
          controller.enqueue(value);
          return;
        }
        reader = undefined;
      }
    },
    cancel(reason) {
      return reader?.cancel(reason);
    },
  });
}
