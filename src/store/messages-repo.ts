/**
 * Messages in KV: one key per message, so concurrent additions never overwrite each other.
 * A thread imported from an OpenAI export also has its imported messages in one value under
 * the same prefix (imported-history-repo.ts); reads here return both, in created_at order.
 */
import type { MessageObject } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { deletedMessage, type ImportedMessages, isDeleted, mergeListedMessages } from "./imported-history-repo";
import { inlineMetadata, listValues } from "./list-values";

export class MessagesRepo {
  constructor(private readonly store: JsonKv) {}

  /** 1 read; 1 more when the id has no key of its own (an imported message, or none). */
  async get(threadId: string, id: string): Promise<MessageObject | null> {
    const own = await this.store.get<MessageObject>(keys.message(threadId, id));
    if (own) return isDeleted(own) ? null : own;
    const imported = await this.store.get<ImportedMessages>(keys.importedMessages(threadId));
    return imported?.data.find((m) => m.id === id) ?? null;
  }

  /** The messages with these ids, in the order given, skipping any that are gone: one bulk read (≤ 100 ids). */
  async getMany(threadId: string, ids: readonly string[]): Promise<MessageObject[]> {
    const found = await this.store.getMany<MessageObject>(ids.map((id) => keys.message(threadId, id)));
    return ids.flatMap((id) => found.get(keys.message(threadId, id)) ?? []);
  }

  put(message: MessageObject): Promise<void> {
    return this.store.put(keys.message(message.thread_id, message.id), message, { metadata: inlineMetadata(message) });
  }

  /** Stores several messages (a new thread's, a run's `additional_messages`), a few writes at a time. */
  putAll(messages: readonly MessageObject[]): Promise<void> {
    return this.store.writer.writeAll(messages, (m) => this.put(m));
  }

  /**
   * Deletes a message: its key; or, for an imported message (which lives in the thread's
   * imported value, not rewritten per message), a tombstone under its own key that hides it.
   * 1 read (the imported value) and 1 write or delete.
   */
  async delete(threadId: string, id: string): Promise<void> {
    const imported = await this.store.get<ImportedMessages>(keys.importedMessages(threadId));
    const copy = imported?.data.find((m) => m.id === id);
    if (!copy) return this.store.delete(keys.message(threadId, id));
    const tombstone = deletedMessage(copy);
    return this.store.put(keys.message(threadId, id), tombstone, { metadata: tombstone });
  }

  /** Every message of a thread, oldest first (imported ones included). */
  async list(threadId: string): Promise<MessageObject[]> {
    return mergeListedMessages(await listValues<MessageObject | ImportedMessages>(this.store, keys.messagePrefix(threadId)));
  }
}
