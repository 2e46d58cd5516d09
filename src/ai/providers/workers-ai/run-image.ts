/**
 * One image on Workers AI: OpenAI's request (already validated against the model's catalog
 * entry) → the model's inputs (`steps` or `num_steps`, `width`/`height` where it takes them),
 * and whatever output kind the model returns → image bytes and their format.
 */
import { OpenAIError } from "../../../http/errors";
import { sniffImage } from "../../../util/media";
import type { ResolvedModel } from "../../registry/resolve-model";
import type { AiRunner } from "../../types";
import type { GeneratedImage, ImageJob } from "../types";
import { readBinaryOutput } from "./binary-output";
import { mapWorkersAiError } from "./error-table";

export async function runImage(ai: AiRunner, model: ResolvedModel<"image">, job: ImageJob): Promise<GeneratedImage> {
  const inputs: Record<string, unknown> = { prompt: job.prompt };
  if (job.size && model.info?.size.type !== "fixed") {
    inputs.width = job.size.width;
    inputs.height = job.size.height;
  }
  if (job.steps !== undefined && model.info?.steps) inputs[model.info.steps.param] = job.steps;
  let output: unknown;
  try {
    output = await ai.run(model.model, inputs);
  } catch (err) {
    throw mapWorkersAiError(err, { model: model.model });
  }
  const bytes = await readBinaryOutput(output, "image", model.model);
  const format = sniffImage(bytes);
  if (!format) {
    throw new OpenAIError(502, `Workers AI returned ${bytes.length} bytes from ${model.model} that are not a PNG, JPEG or WebP image.`, {
      type: "server_error",
      code: "upstream_error",
    });
  }
  return { bytes, format };
}
