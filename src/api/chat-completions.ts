/**
 * `POST /v1/chat/completions`: validate → generate → render as one `chat.completion` or as
 * a `chat.completion.chunk` SSE stream.
 */
import type { IRequest } from "itty-router";
import { getChatBackend } from "../ai/backend";
import { generate } from "../chat/generate";
import { parseChatRequest } from "../chat/parse-chat-request";
import { renderChunks } from "../chat/render-chunks";
import { renderCompletion, summarize } from "../chat/render-completion";
import { collectEvents } from "../chat/stream-utils";
import { readJsonObject } from "../http/read-json";
import { SSE_HEADERS, sseEncoder } from "../http/sse";
import type { AppContext } from "./context";

export async function handleChatCompletions(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseChatRequest(body, ctx.config);
  const backend = getChatBackend(ctx.env, ctx.config);
  const events = await generate(backend, parsed.request, { stream: parsed.stream });
  const modelHeader = { "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.id };

  if (parsed.stream) {
    const body = events.pipeThrough(renderChunks(parsed.model.requested, parsed.includeUsage)).pipeThrough(sseEncoder());
    return new Response(body, { headers: { ...SSE_HEADERS, ...modelHeader } });
  }
  const completion = renderCompletion(summarize(await collectEvents(events)), parsed.model.requested);
  return Response.json(completion, { headers: modelHeader });
}
