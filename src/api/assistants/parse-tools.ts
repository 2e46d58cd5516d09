/**
 * Assistants `tools` and `tool_resources` in request bodies. `function` tools are offered to
 * the model; `file_search` searches the vector stores of the assistant's and the thread's
 * `tool_resources` on every turn; `code_interpreter` is accepted and echoed only (there is no
 * sandbox in a Worker). `tool_resources.file_search` takes `vector_store_ids` (at most one, as on
 * OpenAI) or the `vector_stores` helper, which creates that store.
 */
import { parseTool, toolArray } from "../../chat/parse-tools";
import { invalidParam } from "../../http/errors";
import { type Body, arrayTooLong, asObject, optionalArray, optionalMetadata, optionalObject, typeError } from "../../http/validate";
import type { AssistantTool, FileSearchTool, FunctionTool } from "../../wire/assistants";
import { parseFileSearchSettings } from "../../file-search/tool-options";
import { parseChunkingStrategy } from "../../vector-stores/chunking";
import { parseFileIds } from "../../vector-stores/parse-requests";
import type { RequestedToolResources } from "../../assistants/tool-resources";

/** OpenAI's caps: one vector store per assistant and per thread, 20 code_interpreter files. */
const MAX_VECTOR_STORES = 1;
const MAX_CODE_FILES = 20;

export function parseAssistantTools(raw: unknown, param = "tools"): AssistantTool[] | undefined {
  const list = toolArray(raw, param);
  if (!list) return undefined;
  const tools = list.map((t, i) => parseOneTool(t, `${param}[${i}]`));
  const names = tools.flatMap((t) => (t.type === "function" ? [t.function.name] : []));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw invalidParam(param, `Invalid '${param}': duplicate function name '${dup}'.`, "duplicate_tool_name");
  return tools;
}

function parseOneTool(raw: unknown, path: string): AssistantTool {
  const tool = asObject(raw, path);
  if (tool.type === "code_interpreter") return { type: "code_interpreter" };
  if (tool.type === "file_search") return parseFileSearchTool(tool, path);
  const t = parseTool(tool, path);
  const fn: FunctionTool["function"] = { name: t.name };
  if (t.description !== undefined) fn.description = t.description;
  if (t.parameters !== undefined) fn.parameters = t.parameters;
  if (t.strict !== undefined) fn.strict = t.strict;
  return { type: "function", function: fn };
}

/** Validated, and echoed with only the settings the client gave. */
function parseFileSearchTool(tool: Body, path: string): FileSearchTool {
  const settings = optionalObject(tool, "file_search", `${path}.file_search`);
  if (!settings) return { type: "file_search" };
  parseFileSearchSettings(settings, `${path}.file_search.`);
  const out: FileSearchTool = { type: "file_search", file_search: {} };
  if (typeof settings.max_num_results === "number") out.file_search = { max_num_results: settings.max_num_results };
  if (settings.ranking_options && typeof settings.ranking_options === "object") {
    const r = settings.ranking_options as Body;
    out.file_search = {
      ...out.file_search,
      ranking_options: { ...(typeof r.ranker === "string" ? { ranker: r.ranker } : {}), score_threshold: Number(r.score_threshold ?? 0) },
    };
  }
  return out;
}

/** `tool_resources` as requested (helpers not yet run); null clears them, undefined leaves them. */
export function parseToolResources(raw: unknown, param = "tool_resources"): RequestedToolResources | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const body = asObject(raw, param);
  const out: RequestedToolResources = {};
  const code = optionalObject(body, "code_interpreter", `${param}.code_interpreter`);
  if (code) {
    const fileIds = parseFileIds(code, "file_ids", false);
    if (fileIds.length > MAX_CODE_FILES) throw arrayTooLong(`${param}.code_interpreter.file_ids`, MAX_CODE_FILES, fileIds.length);
    out.codeInterpreterFileIds = fileIds;
  }
  const search = optionalObject(body, "file_search", `${param}.file_search`);
  if (search) {
    const ids = optionalArray(search, "vector_store_ids", `${param}.file_search.vector_store_ids`);
    const helpers = optionalArray(search, "vector_stores", `${param}.file_search.vector_stores`);
    if (ids && helpers)
      throw invalidParam(
        `${param}.file_search`,
        `Invalid '${param}.file_search': give either 'vector_store_ids' or 'vector_stores', not both.`,
        "mutually_exclusive_parameters",
      );
    if (ids) {
      out.vectorStoreIds = ids.map((id, i) => {
        if (typeof id !== "string") throw typeError(`${param}.file_search.vector_store_ids[${i}]`, "a string", id);
        return id;
      });
      if (ids.length > MAX_VECTOR_STORES) throw arrayTooLong(`${param}.file_search.vector_store_ids`, MAX_VECTOR_STORES, ids.length);
    }
    if (helpers) {
      if (helpers.length > MAX_VECTOR_STORES) throw arrayTooLong(`${param}.file_search.vector_stores`, MAX_VECTOR_STORES, helpers.length);
      out.newVectorStores = helpers.map((h, i) => {
        const path = `${param}.file_search.vector_stores[${i}]`;
        const store = asObject(h, path);
        return {
          fileIds: parseFileIds(store, "file_ids", false),
          chunking: parseChunkingStrategy(store.chunking_strategy, `${path}.chunking_strategy`),
          metadata: optionalMetadata(store) ?? {},
        };
      });
    }
  }
  return out;
}
