/**
 * Reasoning in Assistants runs: the run's `reasoning_effort` reaches the model's inputs, the
 * thread's reply holds the answer only (never the thinking), and the run's usage keeps
 * OpenAI's run-usage shape.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { assistantsWorker } from "./helpers";

describe("runs with reasoning", () => {
  it("reasoning_effort maps into the inputs; the reply message is the answer alone", async () => {
    const ai = fakeAi(fx.CHAT_STREAM_REASONING);
    const { client, settle } = assistantsWorker(ai);
    const assistant = await client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "capital of France?" }] });
    const created = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, reasoning_effort: "high" });
    await settle();

    expect(ai.calls[0]?.inputs.reasoning_effort).toBe("high");
    expect(ai.calls[0]?.inputs.chat_template_kwargs).toBeUndefined();
    const run = await client.beta.threads.runs.retrieve(created.id, { thread_id: thread.id });
    expectSchema("RunObject", run);
    expect(run.status).toBe("completed");
    expect(run.usage).toEqual({ prompt_tokens: 12, completion_tokens: 16, total_tokens: 28 });
    const messages = await client.beta.threads.messages.list(thread.id);
    const reply = messages.data.find((m) => m.role === "assistant");
    expect(reply?.content).toEqual([{ type: "text", text: { value: "Paris is the capital of France — café.", annotations: [] } }]);
  });

  it("without reasoning_effort, a gpt-4o run switches thinking off", async () => {
    const ai = fakeAi(fx.CHAT_STREAM_REASONING);
    const { client, settle } = assistantsWorker(ai);
    const assistant = await client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "hi" }] });
    await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await settle();
    expect(ai.calls[0]?.inputs.chat_template_kwargs).toEqual({ enable_thinking: false });
  });
});
