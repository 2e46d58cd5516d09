/**
 * A chat-completions SSE response read the way reasoning-aware clients read it: every chunk
 * validated against OpenAI's schema, and the `reasoning_content` and `content` deltas joined
 * apart.
 */
import { readSse } from "./fake-ai";
import { expectSchema } from "./openapi";

/** A stream delta as these tests read it. */
export interface ChatDelta {
  content?: string | null;
  reasoning_content?: string;
}

/** A `chat.completion.chunk` as these tests read it. */
export interface ChatChunk {
  choices: { delta: ChatDelta }[];
  usage?: { completion_tokens_details?: { reasoning_tokens: number } } | null;
}

/** The chunks (schema-checked), their deltas, and the joined reasoning and content. */
export async function readChatStream(
  response: Response,
): Promise<{ chunks: ChatChunk[]; deltas: ChatDelta[]; reasoning: string; content: string }> {
  const chunks = (await readSse(response)).map((r) => r.data).filter((d): d is ChatChunk => typeof d === "object" && d !== null);
  for (const c of chunks) expectSchema("CreateChatCompletionStreamResponse", c);
  const deltas = chunks.flatMap((c) => c.choices.map((ch) => ch.delta));
  return {
    chunks,
    deltas,
    reasoning: deltas.map((d) => d.reasoning_content ?? "").join(""),
    content: deltas.map((d) => d.content ?? "").join(""),
  };
}
