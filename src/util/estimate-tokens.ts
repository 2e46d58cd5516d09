/**
 * The one token estimate: about four characters a token. Workers AI models do not use
 * OpenAI's tokenizer, and report usage only after generating (some never), so prompt
 * budgets (Assistants truncation), embeddings usage and the usage of answers that came
 * without one are all estimated here, the same way.
 */
import type { ChatMessage } from "../ai/types";

/** Characters per estimated token. */
export const CHARS_PER_TOKEN = 4;
/** Characters counted per message for its role and framing. */
const MESSAGE_FRAMING_CHARS = 16;

/** Tokens in a text of `chars` characters. */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Tokens in a text. */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}

/** Tokens in a prompt: each message's text (string or text parts), its tool calls, and its framing. */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const m of messages) {
    if (typeof m.content === "string") chars += m.content.length;
    else if (Array.isArray(m.content)) for (const p of m.content) if (p.type === "text") chars += p.text.length;
    if (m.role === "assistant" && m.toolCalls) for (const c of m.toolCalls) chars += c.name.length + c.arguments.length;
    chars += MESSAGE_FRAMING_CHARS;
  }
  return tokensForChars(chars);
}
