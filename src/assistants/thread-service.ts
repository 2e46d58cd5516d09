/**
 * Thread-level operations that more than one handler needs: storing a new thread with its
 * first messages, and the check that a thread exists and no run holds it (a message or a
 * run may not be added while one is generating). Plain inputs: the stores and ids.
 */
import { OpenAIError } from "../http/errors";
import type { Stores } from "../store";
import { nowSeconds } from "../util/clock";
import { notFound } from "./not-found";
import type { MessageObject, ThreadObject } from "../wire/assistants";

/** Writes a new thread and its initial messages (1 write each, a few at a time). */
export async function storeThread(stores: Stores, thread: ThreadObject, messages: readonly MessageObject[]): Promise<void> {
  await Promise.all([stores.threads.put(thread), stores.messages.putAll(messages)]);
}

/** 404 for an unknown thread; OpenAI's 400 while a run holds the thread. */
export async function requireThreadWithoutActiveRun(stores: Stores, threadId: string): Promise<void> {
  const [thread, activeRunId] = await Promise.all([stores.threads.get(threadId), stores.runs.activeRunId(threadId, nowSeconds())]);
  if (!thread) throw notFound("thread", threadId);
  if (activeRunId) {
    throw new OpenAIError(400, `Thread ${threadId} already has an active run ${activeRunId}.`, { code: "thread_locked" });
  }
}

/** Adds client-written messages to a thread no run holds. */
export async function addMessages(stores: Stores, threadId: string, messages: readonly MessageObject[]): Promise<void> {
  await requireThreadWithoutActiveRun(stores, threadId);
  await stores.messages.putAll(messages);
}
