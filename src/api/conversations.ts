/**
 * `/v1/conversations`: create (with initial items and metadata), retrieve, update, delete;
 * items: list (`limit`, `order`, `after`, `include`), create (up to 20 at once), retrieve,
 * delete. An Assistants thread id is served as a conversation too (its messages as items),
 * for reading and appending; its lifecycle stays with the Assistants API.
 */
import type { ApiRequest } from "./route";
import { OpenAIError, invalidParam } from "../http/errors";
import { readJsonObject } from "../http/read-json";
import { optionalArray, optionalMetadata, arrayTooLong } from "../http/validate";
import { conversationNotFound, openConversation } from "../responses/conversation-source";
import { parseInput } from "../responses/parse-input";
import type { Stores } from "../store";
import { clock, nowSeconds } from "../util/clock";
import type { ConversationObject, ResponseItem } from "../wire/responses";
import { readPageQuery } from "./assistants/pagination";
import { paginate } from "../wire/pagination";
import { storesOf, threadDepsOf } from "./assistants/stores";
import type { AppContext } from "./context";
import { decodePathSegment } from "../http/path-segment";

const newId = (prefix: string) => clock().sortableId(prefix);
const MAX_ITEMS = 20;

export async function createConversation(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const items = readItems(body, false);
  const conversation: ConversationObject = {
    id: newId("conv_"),
    object: "conversation",
    created_at: nowSeconds(),
    metadata: optionalMetadata(body) ?? {},
  };
  const stores = storesOf(ctx);
  await Promise.all([stores.conversations.put(conversation), stores.conversations.append(conversation.id, items)]);
  return Response.json(conversation);
}

export async function retrieveConversation(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const source = await openConversation(threadDepsOf(ctx), conversationId(request));
  return Response.json(source.conversation);
}

export async function updateConversation(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const stores = storesOf(ctx);
  const conversation = await ownConversation(stores, conversationId(request));
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  if (!metadata)
    throw new OpenAIError(400, "Missing required parameter: 'metadata'.", { param: "metadata", code: "missing_required_parameter" });
  const next = { ...conversation, metadata };
  await stores.conversations.put(next);
  return Response.json(next);
}

export async function deleteConversation(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const stores = storesOf(ctx);
  const conversation = await ownConversation(stores, conversationId(request));
  await stores.conversations.delete(conversation.id);
  return Response.json({ id: conversation.id, object: "conversation.deleted", deleted: true });
}

export async function listItems(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const query = readPageQuery(request);
  const source = await openConversation(threadDepsOf(ctx), conversationId(request));
  return Response.json(itemList(paginate(await source.items(), { ...query, before: undefined })));
}

export async function createItems(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const source = await openConversation(threadDepsOf(ctx), conversationId(request));
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const added = await source.append(readItems(body, true));
  return Response.json(itemList({ data: added, has_more: false, first_id: added[0]?.id ?? null, last_id: added.at(-1)?.id ?? null }));
}

export async function retrieveItem(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { item } = await loadItem(request, ctx);
  return Response.json(item);
}

export async function deleteItem(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { stores, conversation, item } = await loadItem(request, ctx);
  await stores.conversations.deleteItem(conversation.id, item.id);
  return Response.json(conversation);
}

async function loadItem(
  request: ApiRequest,
  ctx: AppContext,
): Promise<{ stores: Stores; conversation: ConversationObject; item: ResponseItem }> {
  const stores = storesOf(ctx);
  const conversation = await ownConversation(stores, conversationId(request));
  const itemId = decodePathSegment(request.params.item_id ?? "") ?? "";
  const item = /^[a-z]+_[A-Za-z0-9_-]{1,128}$/.test(itemId) ? await stores.conversations.getItem(conversation.id, itemId) : null;
  if (!item) throw new OpenAIError(404, `Item with id '${itemId}' not found.`, { code: null });
  return { stores, conversation, item };
}

/** A `conv_…` conversation (threads are updated and deleted through the Assistants API). */
async function ownConversation(stores: Stores, id: string): Promise<ConversationObject> {
  if (id.startsWith("thread_"))
    throw invalidParam(
      "conversation_id",
      `'${id}' is an Assistants thread; modify or delete it with the Threads API.`,
      "unsupported_conversation",
    );
  const conversation = await stores.conversations.get(id);
  if (!conversation) throw conversationNotFound(id);
  return conversation;
}

function readItems(body: Record<string, unknown>, required: boolean): ResponseItem[] {
  const raw = optionalArray(body, "items");
  if (!raw) {
    if (required)
      throw new OpenAIError(400, "Missing required parameter: 'items'.", { param: "items", code: "missing_required_parameter" });
    return [];
  }
  if (raw.length > MAX_ITEMS) throw arrayTooLong("items", MAX_ITEMS, raw.length);
  return parseInput(raw, newId, "items");
}

function itemList(page: { data: ResponseItem[]; has_more: boolean; first_id: string | null; last_id: string | null }) {
  return { object: "list", data: page.data, first_id: page.first_id ?? "", last_id: page.last_id ?? "", has_more: page.has_more };
}

function conversationId(request: ApiRequest): string {
  const id = decodePathSegment(request.params.conversation_id ?? "") ?? request.params.conversation_id ?? "";
  if (!/^(conv|thread)_[A-Za-z0-9_-]{1,128}$/.test(id)) throw conversationNotFound(id);
  return id;
}
