/**
 * Which backend model serves a requested model name: an alias (OpenAI names, MODEL_ALIASES),
 * a retired Workers AI id (→ its documented replacement), a catalogued id, or any other
 * `@cf/`/`@hf/` id passed through for the binding to judge. Anything else is unknown.
 */
import type { Config } from "../config";
import { OpenAIError } from "../http/errors";
import { type ModelInfo, RETIRED_MODELS, findModel } from "./model-catalog";

export interface ResolvedModel {
  /** What the client asked for; reported back in response `model` fields. */
  requested: string;
  /** The Workers AI id that runs. */
  id: string;
  /** Catalog facts, when the model is catalogued. */
  info: ModelInfo | undefined;
}

export function resolveModel(requested: string, config: Config): ResolvedModel {
  const aliased = config.aliases[requested];
  const id = retiredReplacement(aliased ?? requested);
  if (aliased === undefined && !findModel(id) && !/^@(cf|hf)\//.test(id)) {
    throw new OpenAIError(404, `The model \`${requested}\` does not exist or you do not have access to it.`, {
      param: "model",
      code: "model_not_found",
    });
  }
  return { requested, id, info: findModel(id) };
}

function retiredReplacement(id: string): string {
  // Follow chains (a replacement that was itself retired later), bounded against cycles.
  let current = id;
  for (let i = 0; i < 4; i++) {
    const next = RETIRED_MODELS[current];
    if (!next) break;
    current = next;
  }
  return current;
}
