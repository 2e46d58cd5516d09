/**
 * An offline stand-in for the Workers AI binding (`env.AI`), used when the Worker runs without
 * a Cloudflare account (`npm start`). It implements the same `AiRunner` contract and returns
 * Workers AI's native shapes (`{response, tool_calls?, usage}`, or SSE bytes when
 * `inputs.stream` is true, cut into irregular chunks), so the real adapter runs end to end
 * against it. A reasoning request (reasoning.ts) is answered in the chat-completions shape
 * with labelled `reasoning_content`, as glm-4.7-flash answers. Replies are deterministic, instant and labelled `[offline emulator]`.
 *
 * Model ids must start with `@cf/` or `@hf/`; others reject with "5007: No such model <id> or
 * task", the real binding's "<code>: <message>" format.
 *
 * Markers in the last user message exercise error paths offline:
 * - `[emulate-error:NNNN]`: the call rejects with `Error("NNNN: emulated error")` before any
 *   output (e.g. `[emulate-error:3040]` for "out of capacity").
 * - `[emulate-stream-error]`: a streaming call sends a few events, then errors the stream with
 *   `Error("3040: emulated failure mid-stream")`. Non-streaming calls ignore it.
 *
 * Non-chat models are dispatched by id (surface-kind.ts) to their own emulations, each in the
 * real output shape: embeddings.ts, images.ts, whisper.ts, speech.ts, llama-guard.ts. The
 * `[emulate-error:NNNN]` marker works in their text inputs too. `toMarkdown` converts text
 * formats only and says so for the rest (to-markdown.ts).
 */
import type { AiRunner } from "../../ai/types";
import { chunkIrregularly, seedFromBytes } from "../chunk-irregularly";
import { readInputs } from "./read-inputs";
import { emulateEmbeddings } from "./embeddings";
import { throwOnErrorMarker } from "./error-marker";
import { emulateImage } from "./images";
import { emulateModeration } from "./llama-guard";
import { chatCompletionEvents, chatCompletionOutput, reasoningFor, requestedEffort } from "./reasoning";
import { composeReply, type EmulatorReply } from "./reply";
import { emulateSpeech } from "./speech";
import { emulateToMarkdown } from "./to-markdown";
import { sseEvents } from "./sse-bytes";
import { surfaceKindOf } from "./surface-kind";
import { emulateTranscription } from "./whisper";

/** Events sent before `[emulate-stream-error]` fails the stream. */
const EVENTS_BEFORE_FAILURE = 3;

/** Creates the emulated binding: a drop-in `AiRunner` for `env.AI`. */
export function createEmulatedAi(): AiRunner {
  return {
    async run(model, inputs) {
      if (!model.startsWith("@cf/") && !model.startsWith("@hf/")) {
        throw new Error(`5007: No such model ${model} or task`);
      }
      const kind = surfaceKindOf(model);
      if (kind !== undefined) {
        throwOnErrorMarker(inputs);
        switch (kind) {
          case "embedding":
            return emulateEmbeddings(model, inputs);
          case "image":
            return emulateImage(model, inputs);
          case "transcription":
            return emulateTranscription(model, inputs);
          case "speech":
            return emulateSpeech(model, inputs);
          case "moderation":
            return emulateModeration(inputs);
          default:
            return kind satisfies never;
        }
      }
      const input = readInputs(inputs);
      const code = /\[emulate-error:(\d+)\]/.exec(input.lastUserText)?.[1];
      if (code !== undefined) throw new Error(`${code}: emulated error`);

      const reply = composeReply(input);
      const effort = requestedEffort(inputs);
      const reasoning = effort === undefined ? undefined : reasoningFor(input, reply, effort);
      if (!input.stream) return reasoning === undefined ? nativeOutput(reply) : chatCompletionOutput(reply, reasoning);
      const events = reasoning === undefined ? sseEvents(reply) : chatCompletionEvents(reply, reasoning);
      return sseStream(events, input.lastUserText.includes("[emulate-stream-error]"));
    },
    toMarkdown: emulateToMarkdown,
  };
}

/** The non-streaming output object; with a tool call, `response` is "" as on Workers AI. */
function nativeOutput(reply: EmulatorReply): Record<string, unknown> {
  return reply.kind === "text"
    ? { response: reply.text, usage: reply.usage }
    : { response: "", tool_calls: [reply.call], usage: reply.usage };
}

/**
 * The events as a byte stream in content-seeded irregular chunks. With `fail`, only the first
 * few events are sent (never usage or `[DONE]`) and the stream then errors.
 */
function sseStream(events: string[], fail: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const seed = seedFromBytes(encoder.encode(events.join("")));
  const sent = fail ? events.slice(0, Math.max(1, Math.min(EVENTS_BEFORE_FAILURE, events.length - 2))) : events;
  const chunks = chunkIrregularly(encoder.encode(sent.join("")), seed);
  let next = 0;
  // Pull-driven with no read-ahead, so `controller.error` runs only once every chunk was read
  // (erroring a stream discards chunks still queued).
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++];
        if (chunk) controller.enqueue(chunk);
        else if (fail) controller.error(new Error("3040: emulated failure mid-stream"));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
