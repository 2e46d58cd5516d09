/**
 * Thread-level operations more than one handler needs: creating a thread with its first
 * messages, adding messages to a thread no run holds, listing a page of its messages, and
 * deleting messages and threads. Whether a run holds the thread is the thread's coordinator's
 * decision (src/coordination), made atomically with indexing the new messages; KV is written
 * after it agreed. Plain inputs: the stores, the coordinators and ids.
 */
import type { Coordinators, IndexedMessage, IndexQuery } from "../coordination/coordination";
import { OpenAIError } from "../http/errors";
import type { Stores } from "../store";
import { nowSeconds } from "../util/clock";
import type { MessageObject, ThreadObject } from "../wire/assistants";
import { type Page, paginate, toPage } from "../wire/pagination";
import { notFound } from "./not-found";

/** What a thread operation needs: KV (the store of record) and the threads' coordinators. */
export interface ThreadDeps {
  stores: Stores;
  coordinators: Coordinators;
}

/** A message as its thread's index holds it. */
export function indexed(message: MessageObject): IndexedMessage {
  return { id: message.id, runId: message.run_id };
}

/** OpenAI's 400 for a thread a run holds. */
export function threadLocked(threadId: string, runId: string): OpenAIError {
  return new OpenAIError(400, `Thread ${threadId} already has an active run ${runId}.`, { code: "thread_locked" });
}

/** Writes a new thread and its initial messages (1 write each, a few at a time), indexed from the start. */
export async function createThread(deps: ThreadDeps, thread: ThreadObject, messages: readonly MessageObject[]): Promise<void> {
  await deps.coordinators(thread.id).admit({ now: nowSeconds(), messages: messages.map(indexed), open: true });
  await Promise.all([deps.stores.threads.put(thread), deps.stores.messages.putAll(messages)]);
}

/** The thread; 404 when it does not exist. */
export async function requireThread(stores: Stores, threadId: string): Promise<ThreadObject> {
  const thread = await stores.threads.get(threadId);
  if (!thread) throw notFound("thread", threadId);
  return thread;
}

/**
 * Adds messages to an existing thread no run holds (`locked` builds the refusal; OpenAI's
 * 400 by default). The thread must have been checked to exist.
 */
export async function addMessages(
  deps: ThreadDeps,
  threadId: string,
  messages: readonly MessageObject[],
  locked: (runId: string) => OpenAIError = (runId) => threadLocked(threadId, runId),
): Promise<void> {
  const admitted = await deps.coordinators(threadId).admit({ now: nowSeconds(), messages: messages.map(indexed) });
  if (!admitted.ok) throw locked(admitted.activeRunId);
  await deps.stores.messages.putAll(messages);
}

/**
 * A page of a thread's messages: the ids from the thread's index, then one KV read per
 * message (one bulk read). A thread created before the index existed is listed from KV whole.
 */
export async function listMessages(deps: ThreadDeps, threadId: string, query: IndexQuery): Promise<Page<MessageObject>> {
  // The thread first: an unknown id must not reach (and so create) a coordinator.
  await requireThread(deps.stores, threadId);
  const ids = await deps.coordinators(threadId).pageMessages(query);
  if (ids) return toPage(await deps.stores.messages.getMany(threadId, ids.ids), ids.hasMore);
  const all = await deps.stores.messages.list(threadId);
  return paginate(query.runId ? all.filter((m) => m.run_id === query.runId) : all, query);
}

/** Deletes a message from KV and from its thread's index. */
export async function deleteMessage(deps: ThreadDeps, message: MessageObject): Promise<void> {
  await Promise.all([
    deps.stores.messages.delete(message.thread_id, message.id),
    deps.coordinators(message.thread_id).removeMessage(message.id),
  ]);
}

/** Deletes a thread with its messages and runs, and its coordinator's state. */
export async function deleteThread(deps: ThreadDeps, threadId: string): Promise<void> {
  await Promise.all([deps.stores.threads.delete(threadId), deps.coordinators(threadId).forget()]);
}
