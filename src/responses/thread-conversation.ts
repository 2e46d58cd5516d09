/**
 * The migration path from Assistants: a thread used as a conversation. Its messages are the
 * history (as message items with the messages' own ids); a turn's user and assistant
 * messages are appended as thread messages, so both APIs see the same history. Items with no
 * thread equivalent (function calls and their outputs, system/developer messages) stay in
 * the stored response only. This is the one module that knows both shapes.
 */
import { messageText } from "../assistants/message-text";
import { newUserMessage, textContent } from "../assistants/objects";
import type { MessageObject, ThreadObject } from "../wire/assistants";
import { OpenAIError } from "../http/errors";
import type { ConversationObject, MessageItem, ResponseItem } from "../wire/responses";
import { outputPart } from "./parse-input";

/** A thread seen through the Conversations API. */
export function threadAsConversation(thread: ThreadObject): ConversationObject {
  return { id: thread.id, object: "conversation", created_at: thread.created_at, metadata: thread.metadata };
}

export function messageToItem(m: MessageObject): MessageItem {
  const text = messageText(m);
  const status = m.status;
  return m.role === "assistant"
    ? { type: "message", id: m.id, status, role: "assistant", content: [outputPart(text)] }
    : { type: "message", id: m.id, status, role: "user", content: [{ type: "input_text", text }] };
}

/** The thread messages that represent `items` (user and assistant messages only). */
export function itemsToThreadMessages(threadId: string, items: readonly ResponseItem[]): MessageObject[] {
  const out: MessageObject[] = [];
  for (const item of items) {
    if (item.type !== "message" || (item.role !== "user" && item.role !== "assistant")) continue;
    const text = item.content.map((p) => (p.type === "input_image" ? "" : p.text)).join("");
    out.push(newUserMessage(threadId, item.role, textContent(text)));
  }
  return out;
}

/** The refusal of a turn appended to a thread a run holds (the coordinator decides, as for any message). */
export function threadBusy(threadId: string): OpenAIError {
  return new OpenAIError(
    400,
    `Thread ${threadId} already has an active run; wait for it to finish before continuing it as a conversation.`,
    { param: "conversation", code: "thread_locked" },
  );
}
