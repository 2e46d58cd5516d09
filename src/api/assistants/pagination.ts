/**
 * OpenAI's cursor pagination (`limit`, `order`, `after`, `before`) over an id-ordered list,
 * producing `{object: "list", data, first_id, last_id, has_more}` so the SDK's
 * auto-pagination (which passes `after: last_id`) walks every page.
 */
import type { IRequest } from "itty-router";
import { invalidParam } from "../../http/errors";

export interface PageQuery {
  limit: number;
  order: "asc" | "desc";
  after: string | undefined;
  before: string | undefined;
}

export interface Page<T> {
  object: "list";
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** `limits`: the default and largest `limit` (20 and 100 for most lists; files list up to 10,000). */
export function readPageQuery(request: IRequest, limits: { default: number; max: number } = { default: 20, max: 100 }): PageQuery {
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

/** `items` must be in ascending creation (= id) order. */
export function paginate<T extends { id: string }>(items: readonly T[], query: PageQuery): Page<T> {
  let list = query.order === "asc" ? [...items] : [...items].reverse();
  if (query.after) {
    const i = list.findIndex((x) => x.id === query.after);
    list = i === -1 ? list.filter((x) => (query.order === "asc" ? x.id > query.after! : x.id < query.after!)) : list.slice(i + 1);
  }
  if (query.before) {
    const i = list.findIndex((x) => x.id === query.before);
    list = i === -1 ? list.filter((x) => (query.order === "asc" ? x.id < query.before! : x.id > query.before!)) : list.slice(0, i);
    // `before` pages back towards the start: keep the items nearest the cursor.
    const data = list.slice(Math.max(0, list.length - query.limit));
    return page(data, list.length > query.limit);
  }
  return page(list.slice(0, query.limit), list.length > query.limit);
}

function page<T extends { id: string }>(data: T[], hasMore: boolean): Page<T> {
  return { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
}
