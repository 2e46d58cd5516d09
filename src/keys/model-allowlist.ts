/**
 * An issued key's model allowlist (`policy.models`): globs where `*` matches any run of
 * characters, matched against the model name the client sends (an alias is a name too).
 * A model outside the list is OpenAI's answer for a model a key cannot use: 404
 * `model_not_found`, "does not exist or you do not have access to it".
 */
import { OpenAIError } from "../http/errors";

/** The allowlist a request carries: null or undefined allow every model. */
export type ModelAllowlist = readonly string[] | null | undefined;

const compiled = new Map<string, RegExp>();

function globRegExp(glob: string): RegExp {
  let re = compiled.get(glob);
  if (!re) {
    const source = glob
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${source}$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, re);
  }
  return re;
}

/** Whether `model` may be used under `allowed`. */
export function modelAllowed(allowed: ModelAllowlist, model: string): boolean {
  if (!allowed) return true;
  return allowed.some((glob) => globRegExp(glob).test(model));
}

/** Throws OpenAI's 404 for a model outside the allowlist. */
export function assertModelAllowed(allowed: ModelAllowlist, model: string): void {
  if (!modelAllowed(allowed, model)) throw modelNotFound(model);
}

export function modelNotFound(model: string): OpenAIError {
  return new OpenAIError(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
    param: "model",
    code: "model_not_found",
  });
}
