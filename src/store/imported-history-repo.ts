/**
 * A thread's history imported from an OpenAI Assistants export (src/import), stored as two
 * values per thread instead of one key per message and per run, so an import costs a few KV
 * writes per thread whatever its length (the free plan allows 1,000 writes a day):
 *
 *   msg/{thread_id}/imported   {object: "imported.messages", data: MessageObject[]}  (created_at order)
 *   run/{thread_id}/imported   {object: "imported.runs", data: RunRecord[]}          (runs with their steps)
 *
 * They live inside the thread's own `msg/` and `run/` prefixes, so the listings that already
 * read a thread (a page of messages, a run's prompt, the runs list) meet them with no extra
 * list, and a thread with nothing imported pays nothing. Messages and runs written later (new
 * turns, a metadata edit of an imported message) keep their own keys; an own key with an
 * imported id replaces the imported copy in place. Lists come out in `created_at` order, as
 * OpenAI lists them (imported ids are OpenAI's random ones, so id order means nothing there).
 */
import type { MessageObject, RunRecord } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";

export interface ImportedMessages {
  object: "imported.messages";
  data: MessageObject[];
}

export interface ImportedRuns {
  object: "imported.runs";
  data: RunRecord[];
}

export class ImportedHistoryRepo {
  constructor(private readonly store: JsonKv) {}

  /** The imported messages of a thread (1 read); null when none were imported. */
  async messages(threadId: string): Promise<MessageObject[] | null> {
    return (await this.store.get<ImportedMessages>(keys.importedMessages(threadId)))?.data ?? null;
  }

  /** The imported runs of a thread with their steps (1 read); null when none were imported. */
  async runs(threadId: string): Promise<RunRecord[] | null> {
    return (await this.store.get<ImportedRuns>(keys.importedRuns(threadId)))?.data ?? null;
  }

  /** Stores a thread's imported messages, in `created_at` order (1 write). */
  putMessages(threadId: string, data: MessageObject[]): Promise<void> {
    return this.store.put(keys.importedMessages(threadId), { object: "imported.messages", data } satisfies ImportedMessages);
  }

  /** Stores a thread's imported runs with their steps (1 write). */
  putRuns(threadId: string, data: RunRecord[]): Promise<void> {
    return this.store.put(keys.importedRuns(threadId), { object: "imported.runs", data } satisfies ImportedRuns);
  }
}

/** What a deleted imported message's own key holds: it hides the imported copy. */
export function deletedMessage(message: Pick<MessageObject, "id" | "created_at">): MessageObject {
  return { id: message.id, object: "thread.message.deleted", created_at: message.created_at } as unknown as MessageObject;
}

export function isDeleted(message: MessageObject): boolean {
  return (message.object as string) === "thread.message.deleted";
}

/** A thread's messages from a listing of its `msg/` prefix: imported and own ones, in created_at order. */
export function mergeListedMessages(values: readonly (MessageObject | ImportedMessages)[]): MessageObject[] {
  const imported = values.find((v): v is ImportedMessages => v.object === "imported.messages");
  const own = values.filter((v): v is MessageObject => v.object !== "imported.messages");
  if (!imported) return own;
  return mergeByCreation(
    imported.data,
    own,
    (m) => m.id,
    (m) => m.created_at,
  ).filter((m) => !isDeleted(m));
}

/** A thread's runs from a listing of its `run/` prefix: imported and own ones, in created_at order. */
export function mergeListedRuns(values: readonly (RunRecord | ImportedRuns)[]): RunRecord[] {
  const isImported = (v: RunRecord | ImportedRuns): v is ImportedRuns => "object" in v && v.object === "imported.runs";
  const imported = values.find(isImported);
  const own = values.filter((v): v is RunRecord => !isImported(v));
  return imported
    ? mergeByCreation(
        imported.data,
        own,
        (r) => r.run.id,
        (r) => r.run.created_at,
      )
    : own;
}

/**
 * Imported items (already in created_at order) with the own ones: an own item with an imported
 * id takes that item's place; the rest join by created_at (a stable sort: on equal seconds the
 * imported come first, then own items in key order, which is their creation order).
 */
function mergeByCreation<T>(imported: readonly T[], own: readonly T[], id: (x: T) => string, createdAt: (x: T) => number): T[] {
  const ownById = new Map(own.map((x) => [id(x), x]));
  const merged = imported.map((x) => {
    const replacement = ownById.get(id(x));
    ownById.delete(id(x));
    return replacement ?? x;
  });
  const rest = own.filter((x) => ownById.has(id(x)));
  return [...merged, ...rest]
    .map((item, position) => ({ item, position }))
    .sort((a, b) => createdAt(a.item) - createdAt(b.item) || a.position - b.position)
    .map((x) => x.item);
}
