/**
 * The reasoning effort a request asks for (chat `reasoning_effort`, Responses
 * `reasoning.effort`, an Assistants run's `reasoning_effort`): one of OpenAI's values, or null /
 * absent for "the default its model name implies" (ResolvedModel.defaultEffort).
 */
import { REASONING_EFFORTS, type ReasoningEffort } from "../ai/types";
import { invalidParam } from "../http/errors";

/** Reads `raw` as a reasoning effort; anything else is a 400 on `param` listing the values. */
export function parseReasoningEffort(raw: unknown, param: string): ReasoningEffort | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "string" && (REASONING_EFFORTS as readonly string[]).includes(raw)) return raw as ReasoningEffort;
  throw invalidParam(
    param,
    `Invalid value: '${String(raw)}'. Supported values are: ${REASONING_EFFORTS.map((e) => `'${e}'`).join(", ")}.`,
    "invalid_value",
  );
}
