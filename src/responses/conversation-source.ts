/**
 * One interface over the two things a `conversation` id can name: a Conversations-API
 * conversation (`conv_…`, items under their own keys) or an Assistants thread (`thread_…`,
 * messages). Responses, the Conversations handlers and input-token counting all read and
 * append through it.
 */
import { OpenAIError } from "../http/errors";
import type { Stores } from "../store";
import type { ConversationObject, ResponseItem } from "../wire/responses";
import { itemsToThreadMessages, messageToItem, requireIdleThread, threadAsConversation } from "./thread-conversation";

export interface ConversationSource {
  conversation: ConversationObject;
  /** Every item, oldest first. */
  items(): Promise<ResponseItem[]>;
  /** Appends items in order; returns the items as stored (a thread re-ids them as messages). */
  append(items: readonly ResponseItem[]): Promise<ResponseItem[]>;
}

export function conversationNotFound(id: string, param: string | null = null): OpenAIError {
  return new OpenAIError(404, `Conversation with id '${id}' not found.`, { param, code: "conversation_not_found" });
}

/** Opens a conversation (or thread) for reading and appending; 404 when it does not exist. */
export async function openConversation(stores: Stores, id: string, now: number, param: string | null = null): Promise<ConversationSource> {
  if (id.startsWith("thread_")) {
    const thread = await stores.threads.get(id);
    if (!thread) throw conversationNotFound(id, param);
    return {
      conversation: threadAsConversation(thread),
      items: async () => (await stores.messages.list(id)).map(messageToItem),
      async append(items) {
        await requireIdleThread(stores, id, now);
        const messages = itemsToThreadMessages(id, items);
        await Promise.all(messages.map((m) => stores.messages.put(m)));
        return messages.map(messageToItem);
      },
    };
  }
  const conversation = id.startsWith("conv_") ? await stores.conversations.get(id) : null;
  if (!conversation) throw conversationNotFound(id, param);
  return {
    conversation,
    items: () => stores.conversations.items(id),
    async append(items) {
      await stores.conversations.append(id, items);
      return [...items];
    },
  };
}
