/**
 * A `POST /v1/images/generations` body → an image job per requested image, checked against
 * what the resolved model can do. Parameters Workers AI cannot honour (`style`, a transparent
 * background, an output format the model does not produce, streaming) are refused with a 400.
 */
import type { Config } from "../../config";
import type { ImageJob } from "../../ai/providers/types";
import { type ResolvedModel, resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import { invalidParam } from "../../http/errors";
import { optionalBoolean, optionalNumber, optionalString, requiredString } from "../../http/validate";

export interface ImageRequest {
  model: ResolvedModel<"image">;
  job: ImageJob;
  n: number;
  responseFormat: "url" | "b64_json";
}

const QUALITIES = ["standard", "hd", "low", "medium", "high", "auto"] as const;
type Quality = (typeof QUALITIES)[number];

export function parseImageRequest(body: Record<string, unknown>, config: Config, allowed?: ModelAllowlist): ImageRequest {
  const prompt = requiredString(body, "prompt");
  if (prompt.trim() === "") throw invalidParam("prompt", "Invalid 'prompt': the prompt must not be empty.", "empty_string");
  const requested = optionalString(body, "model") ?? "dall-e-2";
  const model = resolveModel(requested, "image", config, allowed);
  const info = model.info;
  if (info && prompt.length > info.maxPrompt) {
    throw invalidParam(
      "prompt",
      `Invalid 'prompt': string too long. The model \`${requested}\` (${model.model}) accepts at most ${info.maxPrompt} characters, but got ${prompt.length}.`,
      "string_above_max_length",
    );
  }
  const n = optionalNumber(body, "n", { integer: true, min: 1, max: 10 }) ?? 1;
  const responseFormat = parseResponseFormat(body, requested);
  rejectUnsupported(body, model);

  const job: ImageJob = { prompt };
  const size = parseSize(optionalString(body, "size"), model);
  if (size) job.size = size;
  const steps = stepsFor(parseQuality(body), model);
  if (steps !== undefined) job.steps = steps;
  optionalString(body, "user");
  return { model, job, n, responseFormat };
}

function parseResponseFormat(body: Record<string, unknown>, requested: string): "url" | "b64_json" {
  const raw = optionalString(body, "response_format");
  if (raw === undefined) return requested.startsWith("gpt-image") ? "b64_json" : "url"; // as OpenAI: GPT image models answer base64
  if (raw !== "url" && raw !== "b64_json")
    throw invalidParam("response_format", `Invalid value: '${raw}'. Supported values are: 'url' and 'b64_json'.`);
  return raw;
}

function parseSize(raw: string | undefined, model: ResolvedModel<"image">): { width: number; height: number } | undefined {
  if (raw === undefined || raw === "auto") return undefined;
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(raw);
  if (!match) throw invalidParam("size", `Invalid value: '${raw}'. Expected 'auto' or WIDTHxHEIGHT, such as '1024x1024'.`);
  const width = Number(match[1]);
  const height = Number(match[2]);
  const caps = model.info?.size;
  if (caps?.type === "fixed" && (width !== caps.width || height !== caps.height)) {
    throw invalidParam(
      "size",
      `The model \`${model.requested}\` (${model.model}) only generates ${caps.width}x${caps.height} images; use size '${caps.width}x${caps.height}' or 'auto'.`,
      "unsupported_value",
    );
  }
  if (caps?.type === "range" && [width, height].some((d) => d < caps.min || d > caps.max)) {
    throw invalidParam(
      "size",
      `The model \`${model.requested}\` (${model.model}) generates widths and heights from ${caps.min} to ${caps.max} pixels; '${raw}' is outside that.`,
      "unsupported_value",
    );
  }
  return { width, height };
}

function parseQuality(body: Record<string, unknown>): Quality {
  const raw = optionalString(body, "quality") ?? "auto";
  if (!(QUALITIES as readonly string[]).includes(raw)) {
    throw invalidParam("quality", `Invalid value: '${raw}'. Supported values are: ${QUALITIES.map((q) => `'${q}'`).join(", ")}.`);
  }
  return raw as Quality;
}

/** `low` and `high`/`hd` pick the model's low and high step counts; the rest keep its default. */
function stepsFor(quality: Quality, model: ResolvedModel<"image">): number | undefined {
  const wanted = quality === "low" ? "low" : quality === "high" || quality === "hd" ? "high" : undefined;
  if (!wanted) return undefined;
  const steps = model.info?.steps;
  if (!steps) {
    throw invalidParam(
      "quality",
      `The model \`${model.requested}\` (${model.model}) has no quality setting; use 'auto' or 'standard'.`,
      "unsupported_value",
    );
  }
  return steps[wanted];
}

function rejectUnsupported(body: Record<string, unknown>, model: ResolvedModel<"image">): void {
  const unsupported = (param: string, message: string) => invalidParam(param, message, "unsupported_parameter");
  if (optionalString(body, "style") !== undefined)
    throw unsupported("style", "'style' (vivid/natural) is a DALL·E 3 setting that Workers AI image models do not have.");
  if (optionalBoolean(body, "stream")) throw unsupported("stream", "Streaming image generation is not supported by ai-forwarder.");
  const partial = optionalNumber(body, "partial_images", { integer: true, min: 0, max: 3 });
  if (partial) throw unsupported("partial_images", "Partial images require streaming, which ai-forwarder does not support.");
  const background = optionalString(body, "background");
  if (background === "transparent")
    throw unsupported("background", "Workers AI image models produce opaque images; a transparent background is not supported.");
  if (background !== undefined && background !== "auto" && background !== "opaque") {
    throw invalidParam("background", `Invalid value: '${background}'. Supported values are: 'transparent', 'opaque', and 'auto'.`);
  }
  const moderation = optionalString(body, "moderation");
  if (moderation !== undefined && moderation !== "auto" && moderation !== "low") {
    throw invalidParam("moderation", `Invalid value: '${moderation}'. Supported values are: 'low' and 'auto'.`);
  }
  const format = optionalString(body, "output_format");
  if (format !== undefined) {
    if (format !== "png" && format !== "jpeg" && format !== "webp")
      throw invalidParam("output_format", `Invalid value: '${format}'. Supported values are: 'png', 'jpeg', and 'webp'.`);
    const produced = model.info?.format;
    if (format !== produced) {
      throw unsupported(
        "output_format",
        `The model \`${model.requested}\` (${model.model}) produces ${produced ? `${produced.toUpperCase()} images` : "images in its own format"}; converting to ${format} is not supported.`,
      );
    }
  }
  const compression = optionalNumber(body, "output_compression", { integer: true, min: 0, max: 100 });
  if (compression !== undefined && compression !== 100)
    throw unsupported("output_compression", "Re-compressing images is not supported by ai-forwarder.");
}
