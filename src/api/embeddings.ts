/** `POST /v1/embeddings`: validate → embed (through the response cache) → OpenAI's `list` of `embedding` objects. */
import type { IRequest } from "itty-router";
import { readJsonObject } from "../http/read-json";
import { createEmbeddings } from "../surface/embeddings/create-embeddings";
import { parseEmbeddingsRequest } from "../surface/embeddings/parse-embeddings-request";
import type { AppContext } from "./context";

export async function handleEmbeddings(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const result = await createEmbeddings(request, ctx, parseEmbeddingsRequest(body));
  return Response.json(result.body, { headers: { "openai-model": result.body.model, ...result.headers } });
}
