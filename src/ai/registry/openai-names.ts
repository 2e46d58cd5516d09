/**
 * OpenAI's chat-model names as clients send them in 2026: any `gpt-*`, `o<digit>*` or
 * `chatgpt-*` name, dated snapshots included, is an OpenAI chat model of one of two classes:
 * `fast` (gpt-3.5 / gpt-4 / gpt-4o / gpt-4.1 families, `chatgpt-*`, the `*-chat-latest`
 * aliases) or `reasoning` (o-series, gpt-5 and later). Each class runs on a configured model
 * (DEFAULT_AI_MODEL / REASONING_MODEL) unless MODEL_ALIASES names one for the exact name. The
 * class also sets the reasoning effort a request gets when it asks for none, as OpenAI would:
 *
 * - fast names: `none` (these models do not reason; their clients expect quick answers);
 * - o-series and the original gpt-5 family (`gpt-5`, `-mini`, `-nano`, `-pro`, `-codex`):
 *   `medium`, OpenAI's documented default for them;
 * - gpt-5.1 and later (`gpt-5.6-luna`, the Agents SDK's default, `gpt-6-…`): `none`, OpenAI's
 *   default since gpt-5.1 — the same table `@openai/agents-core` 0.20.0 keeps in
 *   `dist/defaultModel.js` (`DEFAULT_REASONING_EFFORT_PATTERNS`, `getDefaultModel()` →
 *   "gpt-5.6-luna").
 *
 * Names of OpenAI's non-chat models (images, audio, embeddings, moderation, realtime) and the
 * open-weight `gpt-oss-*` are not chat names here; the surface catalog claims the known ones.
 */
import type { ReasoningEffort } from "../types";

/** Which configured model an OpenAI chat name runs on. */
export type ModelClass = "fast" | "reasoning";

export interface OpenAIChatName {
  class: ModelClass;
  /** The reasoning effort of a request under this name that sets none. */
  defaultEffort: ReasoningEffort;
}

/** Current OpenAI chat names, listed by `/v1/models` (any other name of the same forms resolves too). */
export const OPENAI_CHAT_NAMES = [
  "gpt-5.6-luna",
  "gpt-5.6",
  "gpt-5.5",
  "gpt-5.4",
  "gpt-5.4-mini",
  "gpt-5.4-nano",
  "gpt-5.2",
  "gpt-5.1",
  "gpt-5",
  "gpt-5-mini",
  "gpt-5-nano",
  "gpt-5-chat-latest",
  "o4-mini",
  "o3",
  "o3-mini",
  "o1",
  "gpt-4.1",
  "gpt-4.1-mini",
  "gpt-4.1-nano",
  "gpt-4o",
  "gpt-4o-mini",
  "chatgpt-4o-latest",
  "gpt-4-turbo",
  "gpt-4",
  "gpt-3.5-turbo",
] as const;

const CHAT_FORM = /^(gpt-|chatgpt-|o\d)/;
const NOT_CHAT = /^gpt-oss|image|tts|transcribe|realtime|embedding|moderation/;
const CHAT_LATEST = /-chat(-latest)?$/;
const GENERATION = /^gpt-(\d+)(?:\.(\d+))?/;

/** The class and default effort of an OpenAI chat-model name; undefined for any other name. */
export function openAIChatName(name: string): OpenAIChatName | undefined {
  const lower = name.toLowerCase();
  if (!CHAT_FORM.test(lower) || NOT_CHAT.test(lower)) return undefined;
  if (/^o\d/.test(lower)) return { class: "reasoning", defaultEffort: "medium" };
  const generation = GENERATION.exec(lower);
  const major = Number(generation?.[1] ?? 0);
  if (major < 5 || CHAT_LATEST.test(lower)) return { class: "fast", defaultEffort: "none" };
  const original = major === 5 && generation?.[2] === undefined;
  return { class: "reasoning", defaultEffort: original || /-(pro|codex)\b/.test(lower) ? "medium" : "none" };
}
