/**
 * Content an export keeps that this Worker cannot reproduce, kept and marked, never dropped:
 * each stored object that has some gets a field `x_ai_forwarder: {unavailable: [...]}` naming
 * where it is and why (clients that do not know the field ignore it; metadata stays the
 * user's own). What counts:
 *
 * - `image_file` parts, attachments and file annotations: the export holds file metadata,
 *   never bytes (prompts show `[image file-… not available]`, message-text.ts);
 * - code_interpreter calls in run steps (there is no sandbox here) and file_search calls
 *   (their results came from OpenAI's vector stores);
 * - `tool_resources` of assistants and threads: code_interpreter file ids are kept; vector
 *   store ids are moved into the mark, because a run searching a store that does not exist
 *   fails (attach a store made here with a modify call to search again).
 */
import { isObject, type Json } from "./object-check";

/** The field marked objects carry. */
export const MARK_FIELD = "x_ai_forwarder";

export interface UnavailableNote {
  /** Where in the stored object, e.g. `content[1].image_file.file_id`. */
  path: string;
  /** The file, vector store or tool call concerned. */
  id: string;
  reason: string;
}

const NO_BYTES = "The export holds this file's metadata only, not its bytes; kept by id.";

/** Adds the mark to `object` when there is anything to note; returns the notes. */
export function mark(object: Json, notes: UnavailableNote[]): UnavailableNote[] {
  if (notes.length > 0) object[MARK_FIELD] = { unavailable: notes };
  return notes;
}

/** Image parts, attachments and file annotations of a message. */
export function messageNotes(message: Json): UnavailableNote[] {
  const notes: UnavailableNote[] = [];
  const content = Array.isArray(message.content) ? message.content : [];
  content.forEach((part, i) => {
    if (!isObject(part)) return;
    if (part.type === "image_file" && isObject(part.image_file)) {
      notes.push({ path: `content[${i}].image_file.file_id`, id: String(part.image_file.file_id), reason: NO_BYTES });
    }
    const annotations = part.type === "text" && isObject(part.text) && Array.isArray(part.text.annotations) ? part.text.annotations : [];
    annotations.forEach((a, j) => {
      if (!isObject(a)) return;
      for (const kind of ["file_citation", "file_path"] as const) {
        const ref = a[kind];
        if (isObject(ref) && typeof ref.file_id === "string") {
          notes.push({
            path: `content[${i}].text.annotations[${j}].${kind}.file_id`,
            id: ref.file_id,
            reason: `A ${kind === "file_citation" ? "file_search citation" : "code_interpreter file"} of a file not in the export; kept as exported.`,
          });
        }
      }
    });
  });
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  attachments.forEach((a, i) => {
    if (isObject(a) && typeof a.file_id === "string") notes.push({ path: `attachments[${i}].file_id`, id: a.file_id, reason: NO_BYTES });
  });
  return notes;
}

/** code_interpreter and file_search calls of a run step. */
export function stepNotes(step: Json): UnavailableNote[] {
  const details = isObject(step.step_details) ? step.step_details : {};
  const calls = Array.isArray(details.tool_calls) ? details.tool_calls : [];
  const notes: UnavailableNote[] = [];
  calls.forEach((call, i) => {
    if (!isObject(call)) return;
    const path = `step_details.tool_calls[${i}]`;
    if (call.type === "code_interpreter") {
      notes.push({
        path,
        id: String(call.id),
        reason: "code_interpreter ran on OpenAI; its input and outputs are kept as exported and never re-run (no sandbox here).",
      });
    } else if (call.type === "file_search") {
      notes.push({
        path,
        id: String(call.id),
        reason: "file_search results from OpenAI vector stores not in the export; kept as exported.",
      });
    }
  });
  return notes;
}

/**
 * The `tool_resources` of an assistant or thread: code_interpreter file ids noted, vector
 * store ids moved from `tool_resources` into the notes (a run would fail searching them).
 */
export function toolResourceNotes(object: Json): UnavailableNote[] {
  const resources = object.tool_resources;
  if (!isObject(resources)) return [];
  const notes: UnavailableNote[] = [];
  const ci = resources.code_interpreter;
  if (isObject(ci) && Array.isArray(ci.file_ids)) {
    ci.file_ids.forEach((id, i) => {
      notes.push({ path: `tool_resources.code_interpreter.file_ids[${i}]`, id: String(id), reason: NO_BYTES });
    });
  }
  const fs = resources.file_search;
  if (isObject(fs) && Array.isArray(fs.vector_store_ids) && fs.vector_store_ids.length > 0) {
    fs.vector_store_ids.forEach((id, i) => {
      notes.push({
        path: `tool_resources.file_search.vector_store_ids[${i}]`,
        id: String(id),
        reason:
          "An OpenAI vector store, not in the export: removed from tool_resources so runs work (file_search finds nothing until a store made here is attached).",
      });
    });
    object.tool_resources = { ...resources, file_search: { ...fs, vector_store_ids: [] } };
  }
  return notes;
}
