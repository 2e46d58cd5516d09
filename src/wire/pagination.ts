/**
 * OpenAI's cursor pagination (`limit`, `order`, `after`, `before`) over an id-ordered list,
 * producing `{object: "list", data, first_id, last_id, has_more}` so the SDK's
 * auto-pagination (which passes `after: last_id`) walks every page. Ids sort by creation
 * time, so a cursor means "ids after (or before) this one" whether or not it still exists.
 */

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
    return toPage(data, list.length > query.limit);
  }
  return toPage(list.slice(0, query.limit), list.length > query.limit);
}

/** The list object for one page of `data`. */
export function toPage<T extends { id: string }>(data: T[], hasMore: boolean): Page<T> {
  return { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
}
