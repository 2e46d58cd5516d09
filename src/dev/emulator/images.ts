/**
 * Emulated text-to-image in both Workers AI output kinds: `{image: "<base64>"}` for the models
 * that answer JSON (flux-1-schnell, lucid-origin) and a byte stream for the rest (PNG for the
 * Stable Diffusion family, JPEG for phoenix). The picture is always the same 8x8 tile.
 */
import { findSurfaceModel } from "../../ai/registry/surface-catalog";
import { TINY_JPEG_BASE64, tinyJpeg, tinyPng } from "./media-bytes";

/** Models whose binding output is `{image: base64}` (per their generated output types). */
const JSON_OUTPUT = new Set(["@cf/black-forest-labs/flux-1-schnell", "@cf/leonardo/lucid-origin"]);

export function emulateImage(model: string, inputs: Record<string, unknown>): unknown {
  if (typeof inputs.prompt !== "string" || inputs.prompt.trim() === "") {
    throw new Error("5006: emulated input validation: `prompt` must be a non-empty string");
  }
  if (JSON_OUTPUT.has(model)) return { image: TINY_JPEG_BASE64 };
  const info = findSurfaceModel(model);
  const bytes = info?.kind === "image" && info.format === "jpeg" ? tinyJpeg() : tinyPng();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
