/**
 * Usage of one request with an issued key, reported as generations finish: each report goes
 * straight to the key's limiter (one Durable Object request, after the response, in
 * `waitUntil`), so a stream's usage is recorded when the stream ends and a background run's
 * when the run does. A request counts once per model however many generations it makes
 * (an Assistants run with tool calls, a Responses turn with file_search).
 *
 * `meterChat` wraps a chat backend so every path that generates (chat completions, legacy
 * completions, Responses, Assistants runs) reports the usage its backend emits, whether or
 * not the client asked to see it.
 */
import type { ChatBackend, ChatEvent } from "../ai/types";
import { estimatePromptTokens, tokensForChars } from "../util/estimate-tokens";
import { type UsageEntry, utcDay } from "./limits";

export class UsageMeter {
  readonly #seen = new Set<string>();

  constructor(
    private readonly sink: (entry: UsageEntry) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reports one finished use of `model` (the name the client sent). */
  add(model: string, inputTokens: number, outputTokens: number): void {
    const requests = this.#seen.has(model) ? 0 : 1;
    this.#seen.add(model);
    this.sink({ day: utcDay(this.now()), model, requests, input_tokens: inputTokens, output_tokens: outputTokens });
  }
}

/** `backend`, reporting each generation's usage to `meter` under `model`; `backend` itself without a meter. */
export function meterChat(backend: ChatBackend, meter: UsageMeter | undefined, model: string): ChatBackend {
  if (!meter) return backend;
  return {
    async generate(request, options) {
      const events = await backend.generate(request, options);
      return meterEvents(events, meter, model, () => estimatePromptTokens(request.messages));
    },
  };
}

/**
 * `events`, reporting their usage to `meter` under `model` once: at the usage event, as 0
 * tokens at the end when there is none, or, when the reader goes away before either (a client
 * that drops a stream), with estimates: `promptTokens()` for the input and the text, reasoning
 * and tool calls it was sent for the output. Without that last case, abandoning streams would
 * have been a way around a key's tokens-per-day limit. `events` itself without a meter. Also
 * used for a response-cache hit, which counts as a request with the usage it replays.
 */
export function meterEvents(
  events: ReadableStream<ChatEvent>,
  meter: UsageMeter | undefined,
  model: string,
  promptTokens: () => number = () => 0,
): ReadableStream<ChatEvent> {
  if (!meter) return events;
  let reported = false;
  let sentOutputChars = 0;
  const report = (input: number, output: number) => {
    if (reported) return;
    reported = true;
    meter.add(model, input, output);
  };
  const reader = events.getReader();
  // Pull-driven with no read-ahead (one event read per event asked for), so a cancel is the
  // reader's own: it arrives here, where a TransformStream would not be told.
  return new ReadableStream<ChatEvent>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<ChatEvent>;
        try {
          next = await reader.read();
        } catch (err) {
          // The source failed mid-stream: what was sent still counts.
          report(promptTokens(), tokensForChars(sentOutputChars));
          throw err;
        }
        const { done, value } = next;
        if (done) {
          // A backend that reports no usage still made a request.
          report(0, 0);
          controller.close();
          return;
        }
        if (value.type === "usage") report(value.usage.prompt_tokens, value.usage.completion_tokens);
        else if (value.type === "text" || value.type === "reasoning") sentOutputChars += value.text.length;
        else if (value.type === "tool_call") sentOutputChars += value.call.name.length + value.call.arguments.length;
        controller.enqueue(value);
      },
      cancel(reason) {
        report(promptTokens(), tokensForChars(sentOutputChars));
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
