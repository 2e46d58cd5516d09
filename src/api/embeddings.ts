/** `POST /v1/embeddings`: validate → embed (through the response cache) → OpenAI's `list` of `embedding` objects. */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import { resolveModel } from "../ai/registry/resolve-model";
import { openCache } from "../cache/open-cache";
import { readJsonObject } from "../http/read-json";
import { createEmbeddings } from "../surface/embeddings/create-embeddings";
import { parseEmbeddingsRequest } from "../surface/embeddings/parse-embeddings-request";
import { embeddingsResponse } from "../surface/embeddings/render-embeddings";
import { cacheDepsOf, cacheRequestOf } from "./cache-inputs";
import { type AppContext, allowedModels } from "./context";

export async function handleEmbeddings(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const req = request as unknown as Request;
  const body = await readJsonObject(req, ctx.config.maxBodyBytes);
  const parsed = parseEmbeddingsRequest(body);
  const model = resolveModel(parsed.model, "embedding", ctx.config, allowedModels(ctx));
  const provider = providerFor(model, ctx.env, ctx.config);
  const result = await createEmbeddings(parsed, model, provider, (spec) => openCache(cacheRequestOf(req), cacheDepsOf(ctx), spec));
  ctx.usage?.add(model.requested, result.body.usage.prompt_tokens, 0);
  return embeddingsResponse(result.body, result.encoding, {
    "content-type": "application/json",
    "openai-model": result.body.model,
    ...result.headers,
  });
}
