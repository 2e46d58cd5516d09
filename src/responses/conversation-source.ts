/**
 * One interface over the two things a `conversation` id can name: a Conversations-API
 * conversation (`conv_…`, items under their own keys) or an Assistants thread (`thread_…`,
 * messages). Responses, the Conversations handlers and input-token counting all read and
 * append through it.
 */
import { OpenAIError } from "../http/errors";
import { addMessages, type ThreadDeps } from "../assistants/thread-service";
import type { ConversationObject, ResponseItem } from "../wire/responses";
import { itemsToThreadMessages, messageToItem, threadAsConversation, threadBusy } from "./thread-conversation";

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
export async function openConversation(deps: ThreadDeps, id: string, param: string | null = null): Promise<ConversationSource> {
  const { stores } = deps;
  if (id.startsWith("thread_")) {
    const thread = await stores.threads.get(id);
    if (!thread) throw conversationNotFound(id, param);
    return {
      conversation: threadAsConversation(thread),
      items: async () => (await stores.messages.list(id)).map(messageToItem),
      async append(items) {
        const messages = itemsToThreadMessages(id, items);
        // Through the thread's coordinator, as any message added to a thread: refused while a run holds it.
        await addMessages(deps, id, messages, () => threadBusy(id));
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
