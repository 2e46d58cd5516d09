/**
 * `POST /v1/images/generations` (validate → generate → `ImagesResponse`) and
 * `GET /v1/images/{id}`, which serves an image returned as a `url`. The GET is public: the id
 * is unguessable and expires (see store/images-repo.ts), as OpenAI's signed URLs are.
 */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import { OpenAIError } from "../http/errors";
import { readJsonObject } from "../http/read-json";
import { createStores } from "../store";
import type { ImagesRepo } from "../store/images-repo";
import { generateImages } from "../surface/images/generate-images";
import { parseImageRequest } from "../surface/images/parse-image-request";
import { type AppContext, allowedModels } from "./context";

export async function handleImageGenerations(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseImageRequest(body, ctx.config, allowedModels(ctx));
  const result = await generateImages(parsed, providerFor(parsed.model, ctx.env, ctx.config), {
    origin: new URL(request.url).origin,
    store: (bytes, contentType) => imagesOf(ctx).put(bytes, contentType, ctx.config.imageTtlSeconds),
  });
  ctx.usage?.add(parsed.model.requested, 0, 0);
  return Response.json(result, { headers: { "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.model } });
}

export async function handleGetImage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = request.params.id ?? "";
  const image = await imagesOf(ctx).get(id);
  if (!image) {
    throw new OpenAIError(
      404,
      `No image with id '${id}': it never existed or its URL has expired (images are kept ${ctx.config.imageTtlSeconds} seconds).`,
      {
        param: "id",
        code: "image_not_found",
      },
    );
  }
  return new Response(image.bytes, {
    headers: { "content-type": image.contentType, "cache-control": `public, max-age=${ctx.config.imageTtlSeconds}, immutable` },
  });
}

function imagesOf(ctx: AppContext): ImagesRepo {
  return createStores(ctx.env.CACHE, ctx.config.kvWriteSpacingMs).images;
}
