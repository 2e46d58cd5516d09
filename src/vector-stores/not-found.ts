/** OpenAI's 404 for a missing file, vector store, vector store file or file batch. */
import { OpenAIError } from "../http/errors";

export type FilesKind = "file" | "vector store" | "vector store file" | "file batch";

/** `No vector store found with id '…'.` as a 404 (`param` names the body field when the id came from one). */
export function notFound(kind: FilesKind, id: string, param: string | null = null): OpenAIError {
  return new OpenAIError(404, `No ${kind} found with id '${id}'.`, { param, code: null });
}
