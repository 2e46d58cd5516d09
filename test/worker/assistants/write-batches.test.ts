/**
 * One request writes a bounded number of KV keys: a run's `additional_messages`, like a new
 * thread's `messages`, is capped at OpenAI's 32, and an over-long list is refused before
 * anything is written.
 */
import { describe, expect, it } from "vitest";
import { postJson } from "../../helpers/worker";
import { assistantsWorker } from "./helpers";

const message = { role: "user", content: "hi" };

describe("per-request write batches", () => {
  it("refuses 33 additional_messages with OpenAI's 400, writing nothing; takes 32", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await w.client.beta.threads.create();
    w.kv.reset();

    const over = await postJson(w, `/threads/${thread.id}/runs`, {
      assistant_id: assistant.id,
      additional_messages: Array(33).fill(message),
    });
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: unknown }).error).toEqual({
      message: "Invalid 'additional_messages': at most 32 messages can be added when creating a run.",
      type: "invalid_request_error",
      param: "additional_messages",
      code: "array_above_max_length",
    });
    expect(w.kv.take().writes).toBe(0);

    const run = await w.client.beta.threads.runs.create(thread.id, {
      assistant_id: assistant.id,
      additional_messages: Array(32).fill(message),
    });
    await w.settle();
    expect(run.status).toBe("queued");
    const messages = await w.client.beta.threads.messages.list(thread.id, { limit: 100 });
    expect(messages.data.filter((m) => m.role === "user")).toHaveLength(32);
  });
});
