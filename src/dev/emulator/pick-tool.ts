/**
 * Which tool the emulated model calls, if any: the first tool whose full name the last user
 * message contains (`get_weather`), else the first one with a distinctive word of its name
 * in it ("weather" for `get_weather`, "stock" or "quote" for `fetchStockQuote`), so prompts
 * written for a real model ("What's the weather in Paris?") exercise tool loops offline too.
 * Generic verbs and fillers (`get`, `list`, `current`…) never trigger a call on their own.
 */
import type { EmulatorTool } from "./read-inputs";

const GENERIC_WORDS = new Set(
  `get set list create update delete remove add fetch find make run call do tool func function
   current new info data the and for from with all by to of`.split(/\s+/),
);

/** The words of a tool name (snake_case, kebab-case, camelCase, dotted) worth matching on. */
export function distinctiveWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w));
}

/** The tool the last user message asks for, by full name first, then by a distinctive word. */
export function pickTool(tools: readonly EmulatorTool[], lastUserText: string): EmulatorTool | undefined {
  if (tools.length === 0) return undefined;
  const byName = tools.find((t) => lastUserText.includes(t.name));
  if (byName) return byName;
  const mentioned = new Set(lastUserText.toLowerCase().split(/[^a-z0-9]+/));
  // A plural ("stocks") mentions its singular.
  const mentions = (word: string) => mentioned.has(word) || mentioned.has(`${word}s`) || mentioned.has(`${word}es`);
  return tools.find((t) => distinctiveWords(t.name).some(mentions));
}
