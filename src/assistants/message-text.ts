/**
 * A thread message as plain text, for prompts, file_search queries and conversation items.
 * Messages this Worker writes are text; messages imported from an OpenAI export may also
 * hold images (whose bytes the export lacks) and refusals, which become short placeholders
 * so the model still sees that something was there.
 */
import type { MessageContent, MessageObject } from "../wire/assistants";

/** The text of one content part; non-text parts as a bracketed placeholder. */
export function contentText(part: MessageContent): string {
  switch (part.type) {
    case "text":
      return part.text.value;
    case "image_file":
      return `[image ${part.image_file.file_id} not available]`;
    case "image_url":
      return `[image ${part.image_url.url}]`;
    case "refusal":
      return part.refusal;
    default:
      return part satisfies never;
  }
}

/** The message's parts as text, one per line. */
export function messageText(message: Pick<MessageObject, "content">): string {
  return message.content.map(contentText).join("\n");
}
