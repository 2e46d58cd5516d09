/**
 * The legacy completions service on the one generation pipeline: each prompt is a
 * ChatRequest through `generate()`; whole answers are collected and rendered as one
 * `text_completion`, streams are rendered chunk by chunk, prompt after prompt. The first
 * prompt's generation starts before the response does, so its errors get an HTTP status;
 * later failures end the stream with an `error` event.
 */
import type { ChatBackend, ChatEvent, ChatRequest } from "../../ai/types";
import { generate } from "../../chat/generate";
import { summarize } from "../../chat/render-completion";
import { collectEvents, streamOf } from "../../chat/stream-utils";
import { toOpenAIError } from "../../http/errors";
import { type SseMessage, sseEncoder } from "../../http/sse";
import { estimateTokens } from "../../util/estimate-tokens";
import { mapConcurrent } from "../../util/map-concurrent";
import type { CompletionRequest } from "./parse-completion-request";
import { concatStreams, textChunkRenderer } from "./render-text-chunks";
import { type TextCompletion, renderTextCompletion } from "./render-text-completion";

const CONCURRENCY = 4;

export async function completeWhole(request: CompletionRequest, backend: ChatBackend): Promise<TextCompletion> {
  const generations = await mapConcurrent(request.requests, CONCURRENCY, async (r) =>
    summarize(await collectEvents(await events(backend, r, false))),
  );
  return renderTextCompletion(generations, request.prompts, request.echo, request.model.requested);
}

export async function completeStream(request: CompletionRequest, backend: ChatBackend): Promise<ReadableStream<Uint8Array>> {
  const renderer = textChunkRenderer(request.model.requested, request.includeUsage);
  const [firstRequest, ...rest] = request.requests;
  if (!firstRequest) throw new Error("no prompt"); // parseCompletionRequest guarantees one
  const first = await events(backend, firstRequest, true);
  const echo = (i: number) => (request.echo ? request.prompts[i] : undefined);
  const parts: (() => Promise<ReadableStream<SseMessage>>)[] = [
    async () => first.pipeThrough(renderer.forPrompt(0, echo(0))),
    ...rest.map((r, i) => async () => {
      if (renderer.failed) return streamOf<SseMessage>([]);
      let source: ReadableStream<ChatEvent>;
      try {
        source = await events(backend, r, true);
      } catch (err) {
        source = streamOf<ChatEvent>([{ type: "error", error: toOpenAIError(err) }]);
      }
      return source.pipeThrough(renderer.forPrompt(i + 1, echo(i + 1)));
    }),
    async () => streamOf(renderer.end()),
  ];
  return concatStreams(parts).pipeThrough(sseEncoder());
}

/** The generation for one prompt; `max_tokens: 0` generates nothing (OpenAI then returns only the echo). */
async function events(backend: ChatBackend, request: ChatRequest, stream: boolean): Promise<ReadableStream<ChatEvent>> {
  if (request.maxTokens === 0) {
    const first = request.messages[0];
    const prompt = estimateTokens(first && typeof first.content === "string" ? first.content : "");
    return streamOf<ChatEvent>([
      { type: "usage", usage: { prompt_tokens: prompt, completion_tokens: 0, total_tokens: prompt } },
      { type: "finish", reason: "length" },
    ]);
  }
  return generate(backend, request, { stream });
}
