/** `POST /v1/vector_stores/{id}/search`: parse → searchVectorStores → OpenAI's search results page. */
import type { ApiRequest } from "../route";
import { readJsonObject } from "../../http/read-json";
import { parseSearchInput } from "../../vector-stores/parse-requests";
import { searchVectorStores } from "../../vector-stores/search";
import type { SearchResultsPage } from "../../wire/files";
import type { AppContext } from "../context";
import { pathId } from "../files/path-id";
import { vectorStoreDepsOf } from "./deps";

export async function searchVectorStore(request: ApiRequest, ctx: AppContext): Promise<Response> {
  // The service reads the store (a 404 when unknown): no second read here.
  const id = pathId(request, "vector_store_id", "vs_", "vector store");
  const input = parseSearchInput(await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes));
  const chunks = await searchVectorStores(vectorStoreDepsOf(ctx), [id], input.query, input);
  const page: SearchResultsPage = {
    object: "vector_store.search_results.page",
    search_query: input.query,
    data: chunks.map((c) => ({
      file_id: c.fileId,
      filename: c.filename,
      score: c.score,
      attributes: c.attributes,
      content: [{ type: "text", text: c.text }],
    })),
    has_more: false,
    next_page: null,
  };
  return Response.json(page);
}
