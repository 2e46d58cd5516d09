/** `POST /v1/moderations`: validate → classify each input → OpenAI's moderation object. */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import { readJsonObject } from "../http/read-json";
import { createModeration } from "../surface/moderations/create-moderation";
import { parseModerationRequest } from "../surface/moderations/parse-moderation-request";
import { type AppContext, allowedModels } from "./context";

export async function handleModerations(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseModerationRequest(body, ctx.config, allowedModels(ctx));
  const response = await createModeration(parsed, providerFor(parsed.model, ctx.env, ctx.config));
  ctx.usage?.add(parsed.model.requested, 0, 0);
  return Response.json(response, { headers: { "openai-model": response.model, "x-workers-ai-model": parsed.model.model } });
}
