/**
 * Emulated Llama Guard 3: `{response, usage}` where `response` is `{safe, categories}` when
 * `response_format` asks for `json_object`, else the model's text form ("safe", or "unsafe"
 * and a line of comma-separated codes). The verdict is deterministic: the conversation's text
 * is matched against a few keyword rules below, and `[emulate-unsafe:S1,S10]` forces categories.
 */
import { isRecord } from "./is-record";
import { countWords } from "./words";

/** Keyword → Llama Guard 3 category. A demonstration for offline runs, not a classifier. */
const RULES: readonly [RegExp, string][] = [
  [/\b(kill|murder|stab|shoot)\b/i, "S1"],
  [/\b(steal|shoplift|launder)\b/i, "S2"],
  [/\bhate\b/i, "S10"],
  [/\b(suicide|self-harm)\b/i, "S11"],
  [/\b(porn|explicit sex)\b/i, "S12"],
];

export function emulateModeration(inputs: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(inputs.messages) || inputs.messages.length === 0) {
    throw new Error("5006: emulated input validation: `messages` must be a non-empty array");
  }
  const text = inputs.messages
    .filter(isRecord)
    .map((m) => (typeof m.content === "string" ? m.content : ""))
    .join("\n");
  const forced = /\[emulate-unsafe:([^\]]*)\]/.exec(text)?.[1];
  const categories =
    forced !== undefined
      ? forced
          .split(",")
          .map((c) => c.trim())
          .filter((c) => c !== "")
      : RULES.filter(([pattern]) => pattern.test(text)).map(([, code]) => code);
  const safe = categories.length === 0;
  const json = isRecord(inputs.response_format) && inputs.response_format.type === "json_object";
  const response = json ? { safe, categories } : safe ? "safe" : `unsafe\n${categories.join(",")}`;
  const prompt = countWords(text);
  const completion = safe ? 1 : 2;
  return { response, usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}
