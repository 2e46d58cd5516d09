/**
 * `POST /v1/chat/completions`: validate → (response cache) → generate → render as one
 * `chat.completion` or as a `chat.completion.chunk` SSE stream. A cache hit replays the
 * stored generation through the same renderers; a miss is recorded on its way to the client
 * and stored once it finished normally.
 */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import type { ChatEvent } from "../ai/types";
import { chatCacheKeyParts, generationEvents, isDeterministicChat, isGeneration, recordGeneration } from "../cache/chat-cache";
import { openCache } from "../cache/open-cache";
import { generate } from "../chat/generate";
import { parseChatRequest } from "../chat/parse-chat-request";
import { renderChunks } from "../chat/render-chunks";
import { renderCompletion, summarize } from "../chat/render-completion";
import { collectEvents, streamOf } from "../chat/stream-utils";
import { readJsonObject } from "../http/read-json";
import { meterChat, meterEvents } from "../keys/usage-meter";
import { SSE_HEADERS } from "../http/sse";
import { cacheDepsOf, cacheRequestOf } from "./cache-inputs";
import { type AppContext, allowedModels } from "./context";

export async function handleChatCompletions(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const req = request as unknown as Request;
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const parsed = parseChatRequest(body, ctx.config, allowedModels(ctx));
  const cache = await openCache(cacheRequestOf(req), cacheDepsOf(ctx), {
    kind: "chat",
    keyParts: chatCacheKeyParts(parsed.request),
    deterministic: isDeterministicChat(parsed.request),
    accept: isGeneration,
  });

  let events: ReadableStream<ChatEvent>;
  if (cache.hit) {
    events = meterEvents(streamOf(generationEvents(cache.hit.value)), ctx.usage, parsed.model.requested);
  } else {
    const backend = meterChat(providerFor(parsed.model, ctx.env, ctx.config), ctx.usage, parsed.model.requested);
    events = await generate(backend, parsed.request, { stream: parsed.stream });
    if (cache.willStore) events = events.pipeThrough(recordGeneration(cache.save));
  }
  const headers = { "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.model, ...cache.headers };

  if (parsed.stream) {
    const body = events.pipeThrough(renderChunks(parsed.model.requested, parsed.includeUsage));
    return new Response(body, { headers: { ...SSE_HEADERS, ...headers } });
  }
  const completion = renderCompletion(summarize(await collectEvents(events)), parsed.model.requested);
  return Response.json(completion, { headers });
}
