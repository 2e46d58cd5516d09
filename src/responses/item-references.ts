/**
 * `item_reference` input items (`{type: "item_reference", id}`), which clients such as the
 * Vercel AI SDK send instead of repeating an assistant message a stored response produced.
 * Output item ids name their response (`msg_<response suffix>_<n>`), so resolving a reference
 * costs at most one KV read of that response, whatever the history's length; ids already in
 * the context being continued cost nothing.
 */
import { OpenAIError } from "../http/errors";
import type { Stores } from "../store";
import type { ResponseRecord } from "../store/responses-repo";
import type { InputItem, ResponseItem } from "../wire/responses";
import type { IdSource } from "./parse-input";

const RESPONSE_PREFIX = "resp_";
// `<prefix>_<response id without resp_>_<three base-36 digits>`; sortable ids have no `_`.
const OUTPUT_ITEM_ID = /^[a-z]+_([A-Za-z0-9]+)_[0-9a-z]{3}$/;

/**
 * The ids of a response's output items: its own id's suffix and a counter, so an item names
 * the response that holds it, and ids still sort in creation order after the turn's input.
 */
export function outputItemIds(responseId: string): IdSource {
  const suffix = responseId.slice(RESPONSE_PREFIX.length);
  let next = 0;
  return (prefix) => `${prefix}${suffix}_${(next++).toString(36).padStart(3, "0")}`;
}

/** The response an output item id names, or null for any other id. */
export function responseOfItem(itemId: string): string | null {
  const match = OUTPUT_ITEM_ID.exec(itemId);
  return match ? `${RESPONSE_PREFIX}${match[1]}` : null;
}

/**
 * Replaces each reference by the item it names: from `history` (the context being continued)
 * or from the stored response whose output holds it. An unknown id is OpenAI's 404.
 */
export async function resolveItemReferences(
  input: readonly InputItem[],
  history: readonly ResponseItem[],
  stores: Pick<Stores, "responses">,
): Promise<ResponseItem[]> {
  const known = new Map(history.map((item) => [item.id, item]));
  const records = new Map<string, Promise<ResponseRecord | null>>();
  const out: ResponseItem[] = [];
  for (const item of input) {
    if (item.type !== "item_reference") {
      out.push(item);
      continue;
    }
    const found = known.get(item.id) ?? (await storedItem(item.id, stores, records));
    if (!found) {
      throw new OpenAIError(404, `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false.`, {
        param: "input",
      });
    }
    out.push(found);
  }
  return out;
}

async function storedItem(
  id: string,
  stores: Pick<Stores, "responses">,
  records: Map<string, Promise<ResponseRecord | null>>,
): Promise<ResponseItem | undefined> {
  const responseId = responseOfItem(id);
  if (!responseId) return undefined;
  let record = records.get(responseId);
  if (!record) {
    record = stores.responses.get(responseId);
    records.set(responseId, record);
  }
  return (await record)?.response.output.find((o) => o.id === id);
}
