/**
 * The image service: one provider call per requested image (a few at a time), then each
 * image as base64 or stored behind an unguessable, expiring URL on this Worker.
 */
import type { ImageProvider } from "../../ai/providers/types";
import { OpenAIError } from "../../http/errors";
import { bytesToBase64 } from "../../util/base64";
import { mapConcurrent } from "../../util/map-concurrent";
import { type ImageFormat, imageContentType } from "../../util/media";
import type { ImageRequest } from "./parse-image-request";

/** Calls in flight at once. */
const CONCURRENCY = 4;

export interface ImagesResponse {
  created: number;
  data: ({ b64_json: string } | { url: string })[];
  output_format?: ImageFormat;
}

/** Where `url` images go: the Worker's origin, and a store that keeps the bytes and returns their id. */
export interface ImageUrls {
  origin: string;
  store(bytes: Uint8Array, contentType: string): Promise<string>;
}

export async function generateImages(request: ImageRequest, provider: ImageProvider, urls: ImageUrls): Promise<ImagesResponse> {
  const images = await mapConcurrent(Array.from({ length: request.n }), CONCURRENCY, () =>
    provider.generateImage(request.model, request.job),
  );

  const data = await Promise.all(
    images.map(async (image) => {
      if (request.responseFormat === "b64_json") return { b64_json: bytesToBase64(image.bytes) };
      let id: string;
      try {
        id = await urls.store(image.bytes, imageContentType(image.format));
      } catch (err) {
        // Typically KV's daily write quota (1,000 on the Free plan).
        console.warn("images: storing an image for its URL failed:", err instanceof Error ? err.message : String(err));
        throw new OpenAIError(
          503,
          "The image was generated but could not be stored for a URL (KV write failed); retry with response_format 'b64_json'.",
          {
            code: "image_store_unavailable",
          },
        );
      }
      return { url: `${urls.origin}/v1/images/${id}` };
    }),
  );
  const formats = new Set(images.map((i) => i.format));
  const response: ImagesResponse = { created: Math.floor(Date.now() / 1000), data };
  const [only] = formats;
  if (formats.size === 1 && only) response.output_format = only;
  return response;
}
