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
      let reported = false;
      return events.pipeThrough(
        new TransformStream<ChatEvent, ChatEvent>({
          transform(event, controller) {
            if (event.type === "usage" && !reported) {
              reported = true;
              meter.add(model, event.usage.prompt_tokens, event.usage.completion_tokens);
            }
            controller.enqueue(event);
          },
          flush() {
            // A backend that reports no usage still made a request.
            if (!reported) meter.add(model, 0, 0);
          },
        }),
      );
    },
  };
}
