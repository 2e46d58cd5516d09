/** `/v1/threads/{thread_id}/messages`: create, list, retrieve, modify, delete. */
import type { IRequest } from "itty-router";
import { notFound } from "../../assistants/not-found";
import { addMessages } from "../../assistants/thread-service";
import type { MessageObject } from "../../wire/assistants";
import { readJsonObject } from "../../http/read-json";
import { optionalMetadata } from "../../http/validate";
import type { Stores } from "../../store";
import type { AppContext } from "../context";
import { paginate, readPageQuery } from "./pagination";
import { parseNewMessage, pathId } from "./parse";
import { storesOf } from "./stores";

export async function createMessage(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const message = parseNewMessage(body, threadId);
  await addMessages(storesOf(ctx), threadId, [message]);
  return Response.json(message);
}

export async function listMessages(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const query = readPageQuery(request);
  const runId = (request.query as Record<string, unknown>).run_id;
  const stores = storesOf(ctx);
  const [thread, messages] = await Promise.all([stores.threads.get(threadId), stores.messages.list(threadId)]);
  if (!thread) throw notFound("thread", threadId);
  const filtered = typeof runId === "string" && runId ? messages.filter((m) => m.run_id === runId) : messages;
  return Response.json(paginate(filtered, query));
}

export async function retrieveMessage(request: IRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadMessage(request, ctx)).message);
}

export async function modifyMessage(request: IRequest, ctx: AppContext): Promise<Response> {
  const { message, stores } = await loadMessage(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  const next: MessageObject = metadata ? { ...message, metadata } : message;
  if (metadata) await stores.messages.put(next);
  return Response.json(next);
}

export async function deleteMessage(request: IRequest, ctx: AppContext): Promise<Response> {
  const { message, stores } = await loadMessage(request, ctx);
  await stores.messages.delete(message.thread_id, message.id);
  return Response.json({ id: message.id, object: "thread.message.deleted", deleted: true });
}

async function loadMessage(request: IRequest, ctx: AppContext): Promise<{ message: MessageObject; stores: Stores }> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const messageId = pathId(request, "message_id", "msg_", "message");
  const stores = storesOf(ctx);
  const message = await stores.messages.get(threadId, messageId);
  if (!message) throw notFound("message", messageId);
  return { message, stores };
}
