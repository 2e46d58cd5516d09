/** Messages in KV: one key per message, so concurrent additions never overwrite each other. */
import type { MessageObject } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { inlineMetadata, listValues } from "./list-values";

export class MessagesRepo {
  constructor(private readonly store: JsonKv) {}

  get(threadId: string, id: string): Promise<MessageObject | null> {
    return this.store.get<MessageObject>(keys.message(threadId, id));
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

  delete(threadId: string, id: string): Promise<void> {
    return this.store.delete(keys.message(threadId, id));
  }

  /** Every message of a thread, oldest first. */
  list(threadId: string): Promise<MessageObject[]> {
    return listValues<MessageObject>(this.store, keys.messagePrefix(threadId));
  }
}
