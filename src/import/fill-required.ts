/**
 * Fields OpenAI's schemas require on each imported object but allow to be null
 * (../shared/openai/openapi.yaml: AssistantObject, ThreadObject, MessageObject, RunObject,
 * RunStepObject). An export is stored verbatim, so an exporter that left such a field out
 * (one that drops nulls, or an older API version's objects) would have it served missing, and
 * a strict client or schema check rejects the object. A missing one is stored as OpenAI sends it
 * when empty: `metadata` `{}`, a message's `attachments` `[]`, anything else `null`. Fields that
 * are present are never changed, so a re-import of the same export compares equal.
 */
import type { Json } from "./object-check";

export type ImportedKind = "assistant" | "thread" | "message" | "run" | "step";

const REQUIRED_NULLABLE: Readonly<Record<ImportedKind, readonly string[]>> = {
  assistant: ["name", "description", "instructions", "metadata"],
  thread: ["tool_resources", "metadata"],
  message: ["incomplete_details", "completed_at", "incomplete_at", "assistant_id", "run_id", "attachments", "metadata"],
  run: [
    "required_action",
    "last_error",
    "expires_at",
    "started_at",
    "cancelled_at",
    "failed_at",
    "completed_at",
    "metadata",
    "usage",
    "incomplete_details",
    "max_prompt_tokens",
    "max_completion_tokens",
    "truncation_strategy",
    "tool_choice",
    "response_format",
  ],
  step: ["last_error", "expired_at", "cancelled_at", "failed_at", "completed_at", "metadata", "usage"],
};

/** What a missing field is stored as. */
function emptyValue(field: string): unknown {
  if (field === "metadata") return {};
  if (field === "attachments") return [];
  return null;
}

/** Sets each of `kind`'s required-nullable fields that `value` lacks; returns `value`. */
export function fillRequiredNullable(value: Json, kind: ImportedKind): Json {
  for (const field of REQUIRED_NULLABLE[kind]) if (value[field] === undefined) value[field] = emptyValue(field);
  return value;
}

/** The field lists (tests check them against the spec). */
export const requiredNullableFields = REQUIRED_NULLABLE;
