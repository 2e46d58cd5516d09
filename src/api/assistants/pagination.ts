/**
 * The list query of OpenAI's cursor pagination (`limit`, `order`, `after`, `before`), read
 * from a request's query string; src/wire/pagination.ts pages a list with it.
 */
import type { ApiRequest } from "../route";
import { invalidParam } from "../../http/errors";
import type { PageQuery } from "../../wire/pagination";

/**
 * The page query of a list request; 400 for a bad `limit` or `order`. `limits`: the default
 * and largest `limit` (20 and 100 for most lists; the files list goes up to 10,000).
 */
export function readPageQuery(request: ApiRequest, limits: { default: number; max: number } = { default: 20, max: 100 }): PageQuery {
  const q = request.query as Record<string, string | string[] | undefined>;
  const one = (name: string): string | undefined => {
    const v = q[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const rawLimit = one("limit");
  let limit = limits.default;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.max) {
      throw invalidParam("limit", `Invalid 'limit': expected an integer between 1 and ${limits.max}, got '${rawLimit}'.`);
    }
  }
  const order = one("order") ?? "desc";
  if (order !== "asc" && order !== "desc") throw invalidParam("order", `Invalid 'order': expected 'asc' or 'desc', got '${order}'.`);
  return { limit, order, after: one("after") || undefined, before: one("before") || undefined };
}
