/**
 * A `POST /v1/moderations` body → the texts to classify (a string, an array of strings, or an
 * array of content parts joined into one text) and the resolved moderation model (default
 * `omni-moderation-latest`). Image parts are refused: Llama Guard 3 classifies text only.
 */
import { type ResolvedModel, resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import type { Config } from "../../config";
import { invalidParam } from "../../http/errors";
import { asObject, emptyArray, missing, optionalString, typeError } from "../../http/validate";

/** Inputs per request: each is a provider call, and a Worker may make 50 subrequests on the Free plan. */
export const MAX_MODERATION_INPUTS = 32;

export interface ModerationRequest {
  texts: string[];
  model: ResolvedModel<"moderation">;
}

export function parseModerationRequest(body: Record<string, unknown>, config: Config, allowed?: ModelAllowlist): ModerationRequest {
  const texts = parseInput(body.input);
  const model = resolveModel(optionalString(body, "model") ?? "omni-moderation-latest", "moderation", config, allowed);
  return { texts, model };
}

/** A string, an array of strings (one result each), or an array of content parts (one result). */
function parseInput(raw: unknown): string[] {
  if (raw === undefined || raw === null) throw missing("input");
  if (typeof raw === "string") return [raw];
  if (!Array.isArray(raw)) throw typeError("input", "a string or an array", raw);
  if (raw.length === 0) throw emptyArray("input");
  if (raw.every((v) => typeof v === "string")) {
    if (raw.length > MAX_MODERATION_INPUTS) {
      throw invalidParam(
        "input",
        `Invalid 'input': array too long. ai-forwarder classifies at most ${MAX_MODERATION_INPUTS} strings per request, but got ${raw.length}.`,
        "array_above_max_length",
      );
    }
    return raw as string[];
  }
  if (raw.some((v) => typeof v === "string")) {
    const bad = raw.findIndex((v) => typeof v !== "string");
    throw typeError(`input[${bad}]`, "a string", raw[bad]);
  }
  const parts = raw.map((p, i) => {
    const part = asObject(p, `input[${i}]`);
    if (part.type === "image_url")
      throw invalidParam(`input[${i}]`, "Llama Guard 3 classifies text only; image inputs are not supported.", "unsupported_input_type");
    if (part.type !== "text")
      throw invalidParam(`input[${i}].type`, `Invalid value: '${String(part.type)}'. Supported values are: 'text' and 'image_url'.`);
    if (typeof part.text !== "string") throw typeError(`input[${i}].text`, "a string", part.text);
    return part.text;
  });
  return [parts.join("\n")];
}
