/**
 * Responses, conversations (and their items) and Assistants threads used as conversations
 * belong to the project of the key that created them: another project's key gets what an
 * unknown id gets, whether it reads, deletes, cancels, lists input items or continues from
 * them (`previous_response_id`, `conversation`), and the owner's history is unchanged.
 */
import { describe, expect, it } from "vitest";
import { expectLikeUnknown, expectNotFound, twoProjects } from "./helpers";

describe("responses across projects", () => {
  it("retrieve, input_items, delete and cancel are 404; previous_response_id fails as for an unknown id", async () => {
    const { a, b } = await twoProjects();
    const response = await a.responses.create({ model: "gpt-4o", input: "alpha's question" });
    const background = await a.responses.create({ model: "gpt-4o", input: "alpha's background question", background: true });

    await expectNotFound((id) => b.responses.retrieve(id), response.id);
    await expectNotFound((id) => b.responses.inputItems.list(id), response.id);
    await expectNotFound((id) => b.responses.delete(id), response.id);
    await expectNotFound((id) => b.responses.cancel(id), background.id);
    await expectLikeUnknown((id) => b.responses.create({ model: "gpt-4o", input: "go on", previous_response_id: id }), response.id);

    expect((await a.responses.retrieve(response.id)).id).toBe(response.id);
    const items = (await a.responses.inputItems.list(response.id)).data;
    expect(items).toHaveLength(1);
    const next = await a.responses.create({ model: "gpt-4o", input: "go on", previous_response_id: response.id });
    expect(next.previous_response_id).toBe(response.id);
  });
});

describe("conversations across projects", () => {
  it("conversation and item reads, writes and deletes are 404; `conversation` fails as for an unknown id", async () => {
    const { a, b } = await twoProjects();
    const conversation = await a.conversations.create({ items: [{ type: "message", role: "user", content: "alpha's note" }] });
    const [item] = (await a.conversations.items.list(conversation.id)).data;
    if (!item?.id) throw new Error("no item");
    const itemId = item.id;

    await expectNotFound((id) => b.conversations.retrieve(id), conversation.id);
    await expectNotFound((id) => b.conversations.update(id, { metadata: { k: "v" } }), conversation.id);
    await expectNotFound((id) => b.conversations.delete(id), conversation.id);
    await expectNotFound((id) => b.conversations.items.list(id), conversation.id);
    await expectNotFound((id) => b.conversations.items.retrieve(itemId, { conversation_id: id }), conversation.id);
    await expectNotFound((id) => b.conversations.items.delete(itemId, { conversation_id: id }), conversation.id);
    await expectNotFound(
      (id) => b.conversations.items.create(id, { items: [{ type: "message", role: "user", content: "intruder" }] }),
      conversation.id,
    );
    await expectLikeUnknown((id) => b.responses.create({ model: "gpt-4o", input: "and?", conversation: id }), conversation.id);

    expect((await a.conversations.items.list(conversation.id)).data.map((i) => i.id)).toEqual([itemId]);
    await a.responses.create({ model: "gpt-4o", input: "and?", conversation: conversation.id });
    expect((await a.conversations.items.list(conversation.id)).data).toHaveLength(3);
  });

  it("a thread used as a conversation resolves only in its project", async () => {
    const { a, b } = await twoProjects();
    const thread = await a.beta.threads.create({ messages: [{ role: "user", content: "alpha's thread" }] });

    await expectNotFound((id) => b.conversations.retrieve(id), thread.id);
    await expectNotFound((id) => b.conversations.items.list(id), thread.id);
    await expectLikeUnknown((id) => b.responses.create({ model: "gpt-4o", input: "and?", conversation: id }), thread.id);

    expect((await a.beta.threads.messages.list(thread.id)).data).toHaveLength(1);
    await a.responses.create({ model: "gpt-4o", input: "and?", conversation: thread.id });
    expect((await a.beta.threads.messages.list(thread.id)).data).toHaveLength(3);
  });
});

describe("compaction items across projects", () => {
  it("a compaction sealed for one project does not open in another (400 as for a forged item), and opens for its owner", async () => {
    const { a, b } = await twoProjects();
    const first = await a.responses.create({ model: "gpt-4o", input: "the secret word is heron" });
    const compacted = await a.responses.compact({ model: "gpt-4o", previous_response_id: first.id });
    const item = compacted.output[0];
    if (item?.type !== "compaction") throw new Error("expected a compaction item");
    const input = [item, { role: "user" as const, content: "what was it?" }];

    const refused = await b.responses.create({ model: "gpt-4o", input, store: false }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, code: "invalid_encrypted_content", param: "input[0].encrypted_content" });
    expect((await a.responses.create({ model: "gpt-4o", input, store: false })).status).toBe("completed");
  });
});
