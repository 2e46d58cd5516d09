/**
 * The offline emulator thinks, labelled, when a request reasons (o-series / gpt-5 names or a
 * `reasoning_effort`), so `npm start` shows `reasoning_content`; fast names get plain answers.
 */
import { describe, expect, it } from "vitest";
import { type ChatDelta, readChatStream } from "../../helpers/chat-stream";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

interface Completion {
  choices: { message: ChatDelta }[];
}

const hi = [{ role: "user", content: "hello there" }];

describe("emulated reasoning", () => {
  it("a streamed o3 request shows labelled reasoning_content before the answer", async () => {
    const res = await postJson(testWorker(), "/chat/completions", {
      model: "o3",
      messages: hi,
      stream: true,
      stream_options: { include_usage: true },
    });
    const { chunks, reasoning, content } = await readChatStream(res);
    expect(reasoning).toBe(
      "[offline emulator] Emulated reasoning (effort: medium): the user wrote 2 words, so I will echo the message back.",
    );
    expect(content).toBe("[offline emulator] You said: hello there");
    expect(chunks.at(-1)?.usage?.completion_tokens_details?.reasoning_tokens).toBe(18);
  });

  it("a whole answer with reasoning_effort; a gpt-4o request has none", async () => {
    const w = testWorker();
    const thinking = (await (
      await postJson(w, "/chat/completions", { model: "gpt-4o", messages: hi, reasoning_effort: "low" })
    ).json()) as Completion;
    expectSchema("CreateChatCompletionResponse", thinking);
    expect(thinking.choices[0]?.message.reasoning_content).toContain("[offline emulator] Emulated reasoning (effort: low)");
    const fast = (await (await postJson(w, "/chat/completions", { model: "gpt-4o", messages: hi })).json()) as Completion;
    expect(fast.choices[0]?.message.reasoning_content).toBeUndefined();
    expect(fast.choices[0]?.message.content).toBe("[offline emulator] You said: hello there");
  });
});
