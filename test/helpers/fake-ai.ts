/**
 * A fake `env.AI` that answers with recorded Workers AI outputs, in order, and records each
 * call. SSE text is served as a byte stream cut at irregular points (inside events and
 * inside multi-byte characters), as a network delivers it.
 */
import { createParser } from "eventsource-parser";
import { chunkIrregularly } from "../../src/dev/chunk-irregularly";
import type { AiRunner } from "../../src/ai/types";

export type FakeOutput = unknown | Error | ((model: string, inputs: Record<string, unknown>) => unknown);

export interface FakeAi extends AiRunner {
  calls: { model: string; inputs: Record<string, unknown> }[];
}

export function fakeAi(...outputs: FakeOutput[]): FakeAi {
  const queue = [...outputs];
  const calls: FakeAi["calls"] = [];
  return {
    calls,
    async run(model, inputs) {
      calls.push({ model, inputs });
      if (queue.length === 0) throw new Error("fakeAi: no recorded output left for this call");
      let out = queue.shift();
      if (typeof out === "function") out = await (out as (m: string, i: Record<string, unknown>) => unknown)(model, inputs);
      if (out instanceof Error) throw out;
      if (typeof out === "string" && out.startsWith("data:")) return sseStream(out);
      return out instanceof ReadableStream ? out : structuredClone(out);
    },
  };
}

/** SSE text → a ReadableStream of irregular byte chunks. */
export function sseStream(text: string, seed = 7): ReadableStream<Uint8Array> {
  const chunks = chunkIrregularly(new TextEncoder().encode(text), seed);
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[i++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

/** A stream that sends `text` and then fails with `error`, as a dropped upstream does. */
export function failingSseStream(text: string, error: Error): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode(text));
      } else controller.error(error);
    },
  });
}

/** One server-sent event as a test sees it: its name, and its data (parsed when JSON). */
export interface SseRecord {
  event: string | undefined;
  data: unknown;
}

/** Reads a Response's SSE body into `{event, data}` records. */
export async function readSse(response: Response): Promise<SseRecord[]> {
  return parseSse(await response.text());
}

/** SSE text → `{event, data}` records, framed by eventsource-parser (never split by hand). */
export function parseSse(text: string): SseRecord[] {
  const out: SseRecord[] = [];
  const parser = createParser({
    onEvent(message) {
      let parsed: unknown = message.data;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        // `[DONE]` and other non-JSON payloads stay strings.
      }
      out.push({ event: message.event, data: parsed });
    },
  });
  parser.feed(text);
  parser.reset({ consume: true });
  return out;
}
