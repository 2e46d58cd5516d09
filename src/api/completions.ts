/**
 * `POST /v1/completions` (legacy text completions): validate → the chat generation pipeline,
 * one prompt at a time → a `text_completion` object or a stream of `text_completion` chunks.
 */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import { readJsonObject } from "../http/read-json";
import { SSE_HEADERS } from "../http/sse";
import { completeStream, completeWhole } from "../surface/completions/complete";
import { parseCompletionRequest } from "../surface/completions/parse-completion-request";
import { type AppContext, allowedModels } from "./context";
import { meterChat } from "../keys/usage-meter";

export async function handleCompletions(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseCompletionRequest(body, ctx.config, allowedModels(ctx));
  const backend = meterChat(providerFor(parsed.model, ctx.env, ctx.config), ctx.usage, parsed.model.requested);
  const headers = { "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.model };
  if (parsed.stream) return new Response(await completeStream(parsed, backend), { headers: { ...SSE_HEADERS, ...headers } });
  return Response.json(await completeWhole(parsed, backend), { headers });
}
