/**
 * file_search in Responses: when the request has the tool, the Worker searches its vector
 * stores before generating (query = the last user message of the prompt), puts the results in
 * the prompt as a delimited system message (file-search/context-block.ts), and the response
 * gets a `file_search_call` item ahead of the reply (see render-events.ts). A search costs what
 * searchVectorStores documents; an unknown vector store is a 404 before anything is generated.
 */
import type { ChatMessage } from "../ai/types";
import { contextBlock } from "../file-search/context-block";
import type { SearchDeps } from "../vector-stores/deps";
import { type RankedChunk, searchVectorStores } from "../vector-stores/search";
import type { ResponseFileSearch } from "./parse-tools";

export interface ResponseSearch {
  queries: string[];
  results: RankedChunk[];
}

/** Runs the search for `messages`; undefined when there is no user text to search for. */
export async function searchForResponse(
  tool: ResponseFileSearch,
  messages: readonly ChatMessage[],
  deps: SearchDeps,
): Promise<ResponseSearch | undefined> {
  const last = messages.findLast((m) => m.role === "user");
  const query =
    typeof last?.content === "string" ? last.content : (last?.content ?? []).map((p) => (p.type === "text" ? p.text : "")).join("\n");
  if (!query.trim()) return undefined;
  const results = await searchVectorStores(deps, tool.vectorStoreIds, query, tool);
  return { queries: [query], results };
}

/** `messages` with the results as a system message after the instructions (if any). */
export function withSearchContext(messages: readonly ChatMessage[], results: readonly RankedChunk[]): ChatMessage[] {
  const at = messages[0]?.role === "system" ? 1 : 0;
  return [...messages.slice(0, at), { role: "system", content: contextBlock(results) }, ...messages.slice(at)];
}
