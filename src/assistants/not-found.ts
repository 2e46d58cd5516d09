/** OpenAI's 404 for a missing Assistants object, in its words; thrown by handlers and services. */
import { OpenAIError } from "../http/errors";

/** The kinds of Assistants objects a path or body can name. */
export type AssistantsKind = "assistant" | "thread" | "message" | "run" | "run step";

/** `No thread found with id '…'.` as a 404. */
export function notFound(kind: AssistantsKind, id: string): OpenAIError {
  return new OpenAIError(404, `No ${kind} found with id '${id}'.`, { code: null });
}
