/** `POST /v1/moderations`: validate → Llama Guard 3 per input → OpenAI's moderation object. */
import type { IRequest } from "itty-router";
import { readJsonObject } from "../http/read-json";
import { createModeration } from "../surface/moderations/create-moderation";
import type { AppContext } from "./context";

export async function handleModerations(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const { response, modelId } = await createModeration(body, ctx);
  return Response.json(response, { headers: { "openai-model": response.model, "x-workers-ai-model": modelId } });
}
