/**
 * The Conversations API through the official SDK: CRUD, items with auto-pagination, a
 * response appending its turn, and an Assistants thread continued as a conversation.
 */
import { describe, expect, it } from "vitest";
import { NotFoundError } from "openai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson, testWorker } from "../../helpers/worker";

const worker = () => testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });

async function getJson(w: ReturnType<typeof worker>, path: string): Promise<unknown> {
  return (await w.fetch(`${BASE_URL}${path}`, { headers: { authorization: "Bearer sk-test" } })).json();
}

describe("conversations", () => {
  it("create (items, metadata), retrieve, update, delete", async () => {
    const w = worker();
    const conv = await w.client.conversations.create({
      metadata: { topic: "demo" },
      items: [{ type: "message", role: "user", content: "hello" }],
    });
    expectSchema("ConversationResource", conv);
    expect(conv.id).toMatch(/^conv_/);
    expect(conv.metadata).toEqual({ topic: "demo" });
    expect(await w.client.conversations.retrieve(conv.id)).toEqual(conv);
    const updated = await w.client.conversations.update(conv.id, { metadata: { topic: "changed" } });
    expectSchema("ConversationResource", updated);
    expect(updated.metadata).toEqual({ topic: "changed" });
    const deleted = await w.client.conversations.delete(conv.id);
    expectSchema("DeletedConversationResource", deleted);
    expect(deleted).toEqual({ id: conv.id, object: "conversation.deleted", deleted: true });
    await expect(w.client.conversations.retrieve(conv.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("items: batch create, list with auto-pagination and order, retrieve, delete", async () => {
    const w = worker();
    const conv = await w.client.conversations.create({});
    const added = await w.client.conversations.items.create(conv.id, {
      items: Array.from({ length: 5 }, (_, i) => ({ type: "message" as const, role: "user" as const, content: `item ${i}` })),
    });
    expect(added.data).toHaveLength(5);
    const texts: string[] = [];
    for await (const item of w.client.conversations.items.list(conv.id, { limit: 2, order: "asc" }))
      if (item.type === "message" && item.content[0]?.type === "input_text") texts.push(item.content[0].text);
    expect(texts).toEqual(["item 0", "item 1", "item 2", "item 3", "item 4"]);
    const raw = await getJson(w, `/conversations/${conv.id}/items?limit=2`);
    expectSchema("ConversationItemList", raw);
    const desc = raw as { data: { id: string }[]; has_more: boolean };
    expect(desc.data.map((d) => d.id)).toEqual([added.data[4]?.id, added.data[3]?.id]);
    expect(desc.has_more).toBe(true);

    const first = added.data[0];
    if (!first?.id) throw new Error("no item");
    const firstId = first.id;
    const item = await w.client.conversations.items.retrieve(firstId, { conversation_id: conv.id });
    expectSchema("ConversationItem", item);
    expect(item).toEqual(first);
    const after = await w.client.conversations.items.delete(firstId, { conversation_id: conv.id });
    expect(after.id).toBe(conv.id);
    await expect(w.client.conversations.items.retrieve(firstId, { conversation_id: conv.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a response with `conversation` reads the history and appends its input and output in order", async () => {
    const w = worker();
    const conv = await w.client.conversations.create({ items: [{ type: "message", role: "user", content: "my name is Ada" }] });
    const r1 = await w.client.responses.create({ model: "gpt-4o", input: "first turn", conversation: conv.id });
    expectSchema("Response", r1);
    expect(r1.conversation).toEqual({ id: conv.id });
    await w.client.responses.create({ model: "gpt-4o", input: "second turn", conversation: { id: conv.id } });
    const items = [];
    for await (const item of w.client.conversations.items.list(conv.id, { order: "asc" })) items.push(item);
    const summary = items.map((i) =>
      i.type === "message"
        ? `${i.role}:${i.content[0]?.type === "output_text" || i.content[0]?.type === "input_text" ? i.content[0].text : ""}`
        : i.type,
    );
    expect(summary[0]).toBe("user:my name is Ada");
    expect(summary[1]).toBe("user:first turn");
    expect(summary[2]).toMatch(/^assistant:.*first turn/);
    expect(summary[3]).toBe("user:second turn");
    expect(summary[4]).toMatch(/^assistant:.*second turn/);
    expect(summary).toHaveLength(5);
  });

  it("an unknown conversation is a 404; conversation with previous_response_id is a 400", async () => {
    const w = worker();
    expect((await postJson(w, "/responses", { model: "gpt-4o", input: "x", conversation: "conv_missing" })).status).toBe(404);
    expect(
      (await postJson(w, "/responses", { model: "gpt-4o", input: "x", conversation: "conv_a", previous_response_id: "resp_b" })).status,
    ).toBe(400);
  });
});

describe("an Assistants thread continued as a conversation", () => {
  it("its messages are the history; the turn is appended as thread messages visible to both APIs", async () => {
    const w = worker();
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "remember: blue" }] });
    const r = await w.client.responses.create({ model: "gpt-4o", input: "what colour?", conversation: thread.id });
    expectSchema("Response", r);
    expect(r.conversation).toEqual({ id: thread.id });

    const messages = await w.client.beta.threads.messages.list(thread.id, { order: "asc" });
    expect(messages.data.map((m) => m.role)).toEqual(["user", "user", "assistant"]);
    const texts = messages.data.map((m) => (m.content[0]?.type === "text" ? m.content[0].text.value : ""));
    expect(texts[1]).toBe("what colour?");
    expect(texts[2]).toBe(r.output_text);

    const conv = await w.client.conversations.retrieve(thread.id);
    expectSchema("ConversationResource", conv);
    const items = [];
    for await (const item of w.client.conversations.items.list(thread.id, { order: "asc" })) {
      expectSchema("ConversationItem", item);
      items.push(item);
    }
    expect(items.map((i) => i.id)).toEqual(messages.data.map((m) => m.id));
  });
});
