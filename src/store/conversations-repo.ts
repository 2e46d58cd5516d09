/**
 * Conversations in KV: one key for the conversation, one per item, so appending a turn
 * writes only that turn's items (never the history) and concurrent appends never overwrite
 * each other. Item ids are time-sortable, so a listing is in creation order; small items
 * live in their key's metadata and cost no read when listed.
 */
import type { ConversationObject, ResponseItem } from "../wire/responses";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { deletePrefix, inlineMetadata, listValues } from "./list-values";

export class ConversationsRepo {
  constructor(private readonly store: JsonKv) {}

  get(id: string): Promise<ConversationObject | null> {
    return this.store.get<ConversationObject>(keys.conversation(id));
  }

  put(conversation: ConversationObject): Promise<void> {
    return this.store.put(keys.conversation(conversation.id), conversation);
  }

  /** Deletes the conversation with its items. */
  async delete(id: string): Promise<void> {
    await this.store.delete(keys.conversation(id));
    await deletePrefix(this.store, keys.conversationItemPrefix(id));
  }

  /** The item, if this conversation holds one with exactly this id. */
  async getItem(conversationId: string, id: string): Promise<ResponseItem | null> {
    const item = await this.store.get<ResponseItem>(keys.conversationItem(conversationId, id));
    return item?.id === id ? item : null;
  }

  /** Appends items (one write each), in order. */
  async append(conversationId: string, items: readonly ResponseItem[]): Promise<void> {
    await Promise.all(
      items.map((item) => this.store.put(keys.conversationItem(conversationId, item.id), item, { metadata: inlineMetadata(item) })),
    );
  }

  deleteItem(conversationId: string, id: string): Promise<void> {
    return this.store.delete(keys.conversationItem(conversationId, id));
  }

  /** Every item, oldest first. */
  items(conversationId: string): Promise<ResponseItem[]> {
    return listValues<ResponseItem>(this.store, keys.conversationItemPrefix(conversationId));
  }
}
