/**
 * Checks one exported assistant (OpenAI's AssistantObject, verbatim) and prepares it for
 * storage: its id, timestamps and fields kept, unreproducible tool resources marked
 * (unavailable.ts). Problems go to the shared list; nothing is stored unless a whole unit
 * passes.
 */
import type { AssistantObject } from "../wire/assistants";
import type { ImportProblem } from "./export-format";
import { fillRequiredNullable } from "./fill-required";
import { type Json, ObjectCheck, isObject } from "./object-check";
import { mark, toolResourceNotes, type UnavailableNote } from "./unavailable";

/** Tool types OpenAI's Assistants API had. */
export const TOOL_TYPES = ["function", "file_search", "code_interpreter"] as const;

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The assistant ready to store, or null (its problems added to `problems`). */
export function checkAssistant(
  value: unknown,
  path: string,
  problems: ImportProblem[],
): { assistant: AssistantObject; notes: UnavailableNote[] } | null {
  const before = problems.length;
  if (!isObject(value)) {
    problems.push({ object_id: null, path, message: "Expected an assistant object." });
    return null;
  }
  const c = new ObjectCheck(value, null, path, problems);
  c.ownId("asst_");
  c.literal("object", ["assistant"]);
  c.timestamp("created_at");
  c.string("model", { nonEmpty: true, max: 256 });
  c.string("name", { nullable: true, optional: true, max: 256 });
  c.string("description", { nullable: true, optional: true, max: 512 });
  c.string("instructions", { nullable: true, optional: true, max: 256_000 });
  checkTools(c);
  c.object("tool_resources", { nullable: true, optional: true });
  c.metadata();
  c.optionalNumber("temperature");
  c.optionalNumber("top_p");
  if (problems.length > before) return null;
  fillRequiredNullable(value, "assistant");
  const notes = mark(value, toolResourceNotes(value));
  return { assistant: value as unknown as AssistantObject, notes };
}

/** `tools`: an array of OpenAI tool objects (function tools need a valid name). */
export function checkTools(c: ObjectCheck, field = "tools"): void {
  const tools = c.array(field, { max: 128 });
  tools?.forEach((tool, i) => {
    const t = c.child(tool, `${field}[${i}]`);
    if (!t) return;
    const type = t.literal("type", TOOL_TYPES);
    if (type !== "function") return;
    const fn = t.object("function");
    if (fn && (typeof fn.name !== "string" || !FUNCTION_NAME.test(fn.name))) {
      t.fail("function.name", "Expected a function name of 1–64 letters, digits, '_' or '-'.");
    }
  });
}

export type { Json };
