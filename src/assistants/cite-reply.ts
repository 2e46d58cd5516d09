/**
 * `file_citation` annotations on a run's reply, in OpenAI's shape: a marker such as
 * `【0:2†guide.md】` (turn, result index, filename) is appended to the reply for each file it
 * cites, and the annotation points at that marker (`text`, `start_index`, `end_index`,
 * `file_citation.file_id`). Which results are cited is file-search/citations.ts's rule. The
 * markers stream as the reply's last `thread.message.delta`, carrying the annotations.
 */
import { findCitations } from "../file-search/citations";
import type { RankedChunk } from "../vector-stores/search";
import type { FileCitationAnnotation, MessageDeltaObject, TextContent } from "../wire/assistants";

export interface CitedReply {
  content: TextContent[];
  /** The delta that appends the markers and announces the annotations. */
  delta: MessageDeltaObject;
}

/** The reply `text` with citation markers; undefined when it cites nothing. */
export function citeReply(messageId: string, text: string, results: readonly RankedChunk[]): CitedReply | undefined {
  const citations = findCitations(text, results);
  if (citations.length === 0) return undefined;
  let value = text;
  let suffix = "";
  const annotations: FileCitationAnnotation[] = citations.map((c) => {
    const marker = `【0:${results.findIndex((r) => r.fileId === c.fileId)}†${c.filename}】`;
    const piece = (value === text && suffix === "" ? " " : "") + marker;
    const start = value.length + piece.length - marker.length;
    value += piece;
    suffix += piece;
    return {
      type: "file_citation",
      text: marker,
      file_citation: { file_id: c.fileId },
      start_index: start,
      end_index: start + marker.length,
    };
  });
  return {
    content: [{ type: "text", text: { value, annotations } }],
    delta: {
      id: messageId,
      object: "thread.message.delta",
      delta: {
        content: [{ index: 0, type: "text", text: { value: suffix, annotations: annotations.map((a, index) => ({ index, ...a })) } }],
      },
    },
  };
}
